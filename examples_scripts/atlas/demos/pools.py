"""Atlas demos: a multiprocessing.Pool misused. Name a case; it makes one message appear.

Run from the book's root folder, for example
``python examples_scripts/atlas/demos/pools.py pool-not-running``. Watch for the last line of the
traceback (or the warning): the message the atlas entry (book/atlas/pools.md) is about. Each case's
docstring says what it does wrong; every pool it creates is closed or terminated, and every wait is
bounded.
"""

import threading
import warnings

from _cases import run_cases  # the command line every atlas demo shares

CALLED = threading.Event()  # set by the callback (it runs in this process, in the pool's result thread)


def square(x):
    """The pool's task: returns at once."""
    return x * x


def nap(seconds):
    """A task that takes a moment."""
    import time

    time.sleep(seconds)
    return seconds


def open_database():
    """A worker set-up function (the initializer): returns the connection it opens."""
    return {"connected": True}


def save(result):
    """A result callback that fails: it runs in the pool's result-handler thread."""
    CALLED.set()
    raise TypeError(f"cannot save {result!r}")


def pool_not_running(ctx):
    """apply_async() after the with block, which terminated the pool."""
    with ctx.Pool(2) as pool:
        print(pool.map(square, range(3)))
    pool.apply_async(square, (3,)).get(timeout=20)


def join_running_pool(ctx):
    """join() on a pool that was neither closed nor terminated."""
    pool = ctx.Pool(2)
    try:
        pool.map(square, range(3))
        pool.join()
    finally:
        pool.terminate()


def zero_processes(ctx):
    """Pool(0): a worker count computed from an empty list."""
    jobs = []
    with ctx.Pool(len(jobs)) as pool:
        pool.map(square, jobs)


def maxtasks_zero(ctx):
    """Pool(maxtasksperchild=0), meant as "no limit" (None is)."""
    with ctx.Pool(2, maxtasksperchild=0) as pool:
        pool.map(square, range(3))


def initializer_not_callable(ctx):
    """Pool(initializer=open_database()): the result of a call, not the function."""
    with ctx.Pool(2, initializer=open_database()) as pool:
        pool.map(square, range(3))


def imap_chunksize_zero(ctx):
    """imap() with chunksize=0, computed as len(items) // 100 on a short list."""
    items = list(range(10))
    with ctx.Pool(2) as pool:
        for result in pool.imap(square, items, chunksize=len(items) // 100):
            print(result)


def successful_too_early(ctx):
    """AsyncResult.successful() before the task has finished."""
    with ctx.Pool(1) as pool:
        result = pool.apply_async(nap, (1,))
        print("succeeded:", result.successful())


def next_after_last(ctx):
    """One next() more on an imap() iterator than it has results."""
    with ctx.Pool(2) as pool:
        results = pool.imap(square, [1, 2])
        for _ in range(3):
            print(results.next(timeout=20))


def callback_raises(ctx):
    """A callback that raises kills the result thread; leaving the with block then fails."""
    with ctx.Pool(2) as pool:
        result = pool.apply_async(square, (3,), callback=save)
        CALLED.wait(timeout=20)
        if not result.wait(timeout=1):
            print("the result never arrives: the thread that delivers results is dead", flush=True)


def unclosed_pool(ctx):
    """A pool dropped while still running: no with block, no close() or terminate()."""
    warnings.simplefilter("default", ResourceWarning)  # ResourceWarning is hidden unless -W default or -X dev
    pool = ctx.Pool(2)
    print(pool.map(square, range(3)), flush=True)
    del pool  # the last reference: the pool is garbage collected while running


CASES = {
    f.__name__.replace("_", "-"): f
    for f in (
        pool_not_running,
        join_running_pool,
        zero_processes,
        maxtasks_zero,
        initializer_not_callable,
        imap_chunksize_zero,
        successful_too_early,
        next_after_last,
        callback_raises,
        unclosed_pool,
    )
}


if __name__ == "__main__":
    run_cases(__doc__, CASES)
