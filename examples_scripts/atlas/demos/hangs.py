"""Atlas demos: waits that would never end. Name a case; it shows the hang, bounded.

Run from the book's root folder, for example ``python examples_scripts/atlas/demos/hangs.py dead-producer``.
Watch for the last line: what the program was waiting for and how long this demo let it wait
(without the bound, forever). Every wait here is bounded, and every child ends or is stopped.
"""

import multiprocessing as mp
import queue
import subprocess
import sys
import textwrap

from _cases import run_cases  # the command line every atlas demo shares

WAIT = 1  # seconds: how long each demo waits for what never comes

# What a notebook cell does: define the worker in a __main__ that has no file (here: python -c).
NOTEBOOK_CELL = textwrap.dedent(
    """
    import multiprocessing as mp
    from multiprocessing.connection import wait

    def square(x):
        return x * x

    ctx = mp.get_context({method!r})
    pool = ctx.Pool(1)
    try:
        pool.apply_async(abs, (-3,)).get(timeout=20)  # a built-in is found by name: the worker is up
        (worker,) = mp.active_children()
        result = pool.map_async(square, [1, 2, 3])
        wait([worker.sentinel], timeout=20)  # the worker dies on the task it cannot unpickle
        print(result.get(timeout={wait}))
    except mp.TimeoutError:
        print("pool: no result after {wait} s; map() would wait forever", flush=True)
    finally:
        pool.terminate()
        pool.join()
    """
)


def notebook_pool(method):
    """Pool.map() of a function defined where the child cannot import it (a notebook, python -c)."""
    code = NOTEBOOK_CELL.format(method=method, wait=WAIT)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", timeout=60)
    print(done.stderr, end="", file=sys.stderr, flush=True)  # what the Jupyter server's console would show
    print(done.stdout, end="", flush=True)  # what the notebook shows


def crash_before_sending(q):
    raise ValueError("the producer failed before it sent anything")


def wait_for_items(q):
    try:
        item = q.get(timeout=WAIT)
    except queue.Empty:
        print(f"consumer: nothing for {WAIT} s, giving up (without a timeout: forever)", flush=True)
        return
    print(f"consumer: got {item!r}", flush=True)


def dead_producer(method):
    """A consumer waits on a queue for a producer that has died."""
    ctx = mp.get_context(method)
    q = ctx.Queue()
    producer = ctx.Process(target=crash_before_sending, args=(q,), name="producer")
    producer.start()
    producer.join(timeout=20)  # the producer has died before the consumer starts: nothing can come
    consumer = ctx.Process(target=wait_for_items, args=(q,), name="consumer")
    consumer.start()
    consumer.join(timeout=20)
    print(f"producer exit code {producer.exitcode}, consumer exit code {consumer.exitcode}", flush=True)


CASES = {f.__name__.replace("_", "-"): f for f in (notebook_pool, dead_producer)}


if __name__ == "__main__":
    run_cases(__doc__, CASES, "which wait to show", context=False)
