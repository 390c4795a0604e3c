"""Atlas demos: futures and executors misused. Name a case; it makes one message appear.

Run from the book's root folder, for example
``python examples_scripts/atlas/demos/futures.py result-timeout``. Watch for the last line of the
traceback (or, for the messages an executor logs, the first line of the log on stderr): the message
the atlas entry (book/atlas/pools.md) is about. Each case's docstring says what it does wrong. The
cases about futures use a ProcessPoolExecutor, as a reader would; those about ThreadPoolExecutor's
own checks use threads; InterpreterPoolExecutor exists from Python 3.14 on. Every task ends within
a second, and every wait is bounded.
"""

import atexit
import concurrent.futures
import threading
import time
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed, wait

from _cases import run_cases  # the command line every atlas demo shares


def show(future):
    """A done-callback that expects every task to return a dict: the tasks here return numbers."""
    print("task returned", future.result()["value"])


def connect():
    """A thread initializer whose set-up fails."""
    raise ConnectionError("database unreachable")


def settings():
    """What a thread initializer might set up: it returns the settings."""
    return {"retries": 3}


def wait_then_sleep(started):
    """A task that says it has started, then works a little."""
    started.set()
    time.sleep(0.2)
    return "done"


def fail_holding_a_lock():
    """A task that raises an exception holding a lock, which cannot be pickled."""
    raise RuntimeError("could not finish", threading.Lock())


class InlineExecutor(Executor):
    """An executor that runs each task in the caller. Its method is called run(), not submit()."""

    def run(self, fn, /, *args, **kwargs):
        future = Future()
        future.set_running_or_notify_cancel()
        future.set_result(fn(*args, **kwargs))
        return future


def result_of_cancelled(ctx):
    """Collects every result after shutdown(cancel_futures=True) cancelled the tasks still queued."""
    pool = ProcessPoolExecutor(1, mp_context=ctx)
    futures = [pool.submit(time.sleep, 0.1) for _ in range(4)]
    pool.shutdown(wait=True, cancel_futures=True)
    print([f.result(timeout=20) for f in futures])


def result_timeout(ctx):
    """Waits for a result with a timeout shorter than the task."""
    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        future = pool.submit(time.sleep, 0.5)
        print(future.result(timeout=0.1))


def as_completed_timeout(ctx):
    """Iterates over as_completed() with a timeout shorter than the slowest task."""
    with ProcessPoolExecutor(2, mp_context=ctx) as pool:
        futures = [pool.submit(time.sleep, seconds) for seconds in (0, 1)]
        for future in as_completed(futures, timeout=0.5):
            print("done:", future.result())


def set_result_of_finished(ctx):
    """Sets the result of a future the executor has already finished."""
    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        future = pool.submit(abs, -1)
        print(future.result(timeout=20))
        future.set_result(0)


def mark_running_twice(ctx):
    """Marks a hand-made Future running twice, as a custom executor's submit() and its worker both might."""
    future = Future()
    future.set_running_or_notify_cancel()  # in submit()
    future.set_running_or_notify_cancel()  # in the worker


def callback_raises(ctx):
    """Adds a done-callback that raises: the executor logs the error, and the program goes on."""
    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        future = pool.submit(abs, -1)
        future.add_done_callback(show)
        print("result:", future.result(timeout=20))
    print("the program goes on")


def executor_without_submit(ctx):
    """Calls map() on an Executor subclass that defines run() instead of submit()."""
    print(list(InlineExecutor().map(abs, [-1, -2])))


def wait_bad_return_when(ctx):
    """Passes wait() a return_when that is not one of its three constants."""
    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        futures = [pool.submit(time.sleep, 0.5)]
        wait(futures, timeout=20, return_when="first_completed")


def map_buffersize_zero(ctx):
    """Passes executor.map() buffersize=0 (a Python 3.14 argument), meaning "no buffer"."""
    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        print(list(pool.map(abs, [-1, -2], buffersize=0)))


def map_buffersize_text(ctx):
    """Passes executor.map() buffersize="4" (a Python 3.14 argument), as read from a config file."""
    with ProcessPoolExecutor(1, mp_context=ctx) as pool:
        print(list(pool.map(abs, [-1, -2], buffersize="4")))


def misspelt_executor(ctx):
    """Asks concurrent.futures for a class it does not have (a misspelt name)."""
    with concurrent.futures.ProcessPoolExecuter(1, mp_context=ctx) as pool:
        print(pool.submit(abs, -1).result(timeout=20))


def script_as_task(ctx):
    """Gives an InterpreterPoolExecutor (Python 3.14+) a string of code as its initializer, not a function."""
    with concurrent.futures.InterpreterPoolExecutor(1, initializer="import json") as pool:
        print(pool.submit(len, "abc").result(timeout=20))


def unshareable_exception(ctx):
    """An InterpreterPoolExecutor task (Python 3.14+) raises an exception that holds a lock."""
    print(concurrent.futures.InterpreterPoolExecutor(1).submit(fail_holding_a_lock).result(timeout=20))


def thread_initializer_fails(ctx):
    """Gives a ThreadPoolExecutor an initializer that raises."""
    with ThreadPoolExecutor(2, initializer=connect) as pool:
        print(pool.submit(abs, -1).result(timeout=20))


def thread_initializer_not_callable(ctx):
    """Gives a ThreadPoolExecutor what the initializer returns (a call), not the function."""
    with ThreadPoolExecutor(2, initializer=settings()) as pool:
        print(pool.submit(abs, -1).result(timeout=20))


def thread_no_workers(ctx):
    """Sizes a ThreadPoolExecutor by the number of tasks, and there are none."""
    urls = []
    with ThreadPoolExecutor(max_workers=len(urls)) as pool:
        print(list(pool.map(len, urls)))


def thread_submit_after_shutdown(ctx):
    """Submits to a ThreadPoolExecutor after its with block ended."""
    with ThreadPoolExecutor(2) as pool:
        print(pool.submit(abs, -1).result(timeout=20))
    print(pool.submit(abs, -2).result(timeout=20))


def save_at_exit(pool):
    """An atexit handler that still submits work."""
    print(pool.submit(abs, -1).result(timeout=20))


def thread_submit_at_exit(ctx):
    """Submits to a ThreadPoolExecutor from an atexit handler, while the interpreter exits."""
    pool = ThreadPoolExecutor(2)
    atexit.register(save_at_exit, pool)
    print("main ends; the atexit handler submits")


def thread_set_result_while_running(ctx):
    """Sets the result of a future whose task a ThreadPoolExecutor thread is still running."""
    started = threading.Event()
    with ThreadPoolExecutor(1) as pool:
        future = pool.submit(wait_then_sleep, started)
        started.wait(timeout=20)
        future.set_result("gave up waiting")
    print("future:", future.result(timeout=20))


CASES = {
    f.__name__.replace("_", "-"): f
    for f in (
        result_of_cancelled,
        result_timeout,
        as_completed_timeout,
        set_result_of_finished,
        mark_running_twice,
        callback_raises,
        executor_without_submit,
        wait_bad_return_when,
        map_buffersize_zero,
        map_buffersize_text,
        misspelt_executor,
        script_as_task,
        unshareable_exception,
        thread_initializer_fails,
        thread_initializer_not_callable,
        thread_no_workers,
        thread_submit_after_shutdown,
        thread_submit_at_exit,
        thread_set_result_while_running,
    )
}


if __name__ == "__main__":
    run_cases(__doc__, CASES)
