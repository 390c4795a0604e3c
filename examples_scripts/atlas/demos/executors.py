"""Atlas demos: a ProcessPoolExecutor misused. Name a case; it makes one message appear.

Run from the book's root folder, for example
``python examples_scripts/atlas/demos/executors.py submit-after-shutdown``. Watch for the last line
of the traceback: the message the atlas entry (book/atlas/pools.md) is about. Each case's docstring
says what it does wrong; every executor it creates is shut down, and every wait is bounded. The
last three cases show messages new in Python 3.14 (terminate_workers() and max_tasks_per_child);
older versions print what the same code does there.
"""

import atexit
import multiprocessing as mp
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor, wait

from _cases import run_cases  # the command line every atlas demo shares


def square(x):
    """The executor's task: returns at once."""
    return x * x


def nap(seconds):
    """A task that takes a moment."""
    time.sleep(seconds)
    return seconds


def crash():
    """A task whose worker dies: os._exit() ends the process at once, like a crash or a kill."""
    os._exit(1)


def nap_and_leave_a_thread(seconds):
    """A task that returns but leaves a (non-daemon) thread running: its worker exits only when that thread ends."""
    threading.Thread(target=time.sleep, args=(seconds,)).start()
    return seconds


def open_database(config):
    """A worker set-up function (the initializer), given a configuration."""
    return {"connected": True, **config}


def submit_after_broken(ctx):
    """submit() to an executor whose worker has died."""
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as executor:
        wait([executor.submit(crash)], timeout=20)  # the future fails: its worker died
        executor.submit(square, 3)


def submit_after_shutdown(ctx):
    """submit() after the with block, which shut the executor down."""
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as executor:
        print(list(executor.map(square, range(3), timeout=20)))
    executor.submit(square, 3)


def report_at_exit():
    """An atexit handler that uses a new executor: it runs after the executors' own exit handler."""
    with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn")) as executor:
        print(executor.submit(square, 3).result(timeout=20))


def submit_at_exit(ctx):
    """submit() from an atexit handler, while the interpreter shuts down."""
    atexit.register(report_at_exit)
    print("main() returns; the atexit handler runs next", flush=True)


def initializer_not_callable(ctx):
    """initializer=open_database(...): the result of a call, not the function."""
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx, initializer=open_database({})) as executor:
        print(list(executor.map(square, range(3), timeout=20)))


def max_workers_zero(ctx):
    """max_workers=0: a worker count computed from an empty list."""
    jobs = []
    with ProcessPoolExecutor(max_workers=len(jobs), mp_context=ctx) as executor:
        print(list(executor.map(square, jobs, timeout=20)))


def max_tasks_not_int(ctx):
    """max_tasks_per_child as a float (or a string read from a configuration file)."""
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx, max_tasks_per_child=1e3) as executor:
        print(list(executor.map(square, range(3), timeout=20)))


def max_tasks_zero(ctx):
    """max_tasks_per_child=0, meant as "no limit" (None is)."""
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx, max_tasks_per_child=0) as executor:
        print(list(executor.map(square, range(3), timeout=20)))


def map_chunksize_zero(ctx):
    """map() with chunksize=0, computed as len(items) // 100 on a short list."""
    items = list(range(10))
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as executor:
        print(list(executor.map(square, items, chunksize=len(items) // 100, timeout=20)))


def replacement_fails(ctx):
    """max_tasks_per_child=1, and initargs that cannot be pickled any more when the retired worker is replaced."""
    config = {"path": "data.db"}
    with ProcessPoolExecutor(
        max_workers=1, mp_context=ctx, initializer=open_database, initargs=(config,), max_tasks_per_child=1
    ) as executor:
        first = executor.submit(nap, 0.5)  # starts the only worker, with the config as it is now
        config["on_error"] = lambda exc: print(exc)  # a lambda cannot be pickled
        second = executor.submit(square, 3)
        print(first.result(timeout=20), flush=True)
        try:
            print(second.result(timeout=1))  # needs the replacement worker, which cannot start
        except TimeoutError:  # Python 3.13 and older: the error above kills the executor's thread, nothing more
            print("second.result(): no result after 1 s: the replacement worker process could not be started")
            print("(Python 3.13 and older would wait forever here)")


def terminate_while_retiring(ctx):
    """terminate_workers() while the only worker retires at max_tasks_per_child, with work still queued."""
    executor = ProcessPoolExecutor(max_workers=1, mp_context=ctx, max_tasks_per_child=1)
    try:
        first = executor.submit(nap_and_leave_a_thread, 1)  # its worker lingers 1 s after returning
        second = executor.submit(square, 3)  # already queued for the worker
        print(first.result(timeout=20), flush=True)
        executor.terminate_workers()  # new in 3.14; the retiring worker is still exiting
        print(second.result(timeout=20))
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


def start_jobs(ctx):
    """Submits the jobs and returns their futures, but drops the executor without shutdown()."""
    executor = ProcessPoolExecutor(max_workers=1, mp_context=ctx, max_tasks_per_child=1)
    return [executor.submit(nap, 0.5), executor.submit(square, 3)]


def collected_with_work(ctx):
    """An executor with max_tasks_per_child garbage collected while its futures are pending."""
    first, second = start_jobs(ctx)
    print(first.result(timeout=20), flush=True)
    try:
        print(second.result(timeout=1))  # no executor is left to replace the retired worker
    except TimeoutError:  # Python 3.13 and older: no error, the future never completes
        print("second.result(): no result after 1 s: the pending work can never be run")
        print("(Python 3.13 and older would wait forever here, then at exit for the executor's thread)", flush=True)
        os._exit(1)  # instead of hanging at exit


CASES = {
    f.__name__.replace("_", "-"): f
    for f in (
        submit_after_broken,
        submit_after_shutdown,
        submit_at_exit,
        initializer_not_callable,
        max_workers_zero,
        max_tasks_not_int,
        max_tasks_zero,
        map_chunksize_zero,
        replacement_fails,
        terminate_while_retiring,
        collected_with_work,
    )
}


if __name__ == "__main__":
    run_cases(__doc__, CASES)
