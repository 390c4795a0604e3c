"""shutdown(cancel_futures=True): drop the tasks that have not started, finish the rest.

Watch for: one worker, 8 tasks. The first holds the worker until the script lets it go, so
the other 7 wait: 2 in the call queue that feeds the worker (it holds max_workers + 1 tasks),
5 in the executor. shutdown(cancel_futures=True) cancels those 5; the one running and the 2
already queued still run. Cancelled futures raise CancelledError from result(). Two Manager
events and two waits make each step happen after the one before, so the counts are the same
on every run; in real code, how many tasks have reached the queue depends on timing.
"""

import argparse
import multiprocessing as mp
import time
from concurrent.futures import CancelledError, ProcessPoolExecutor


def hold(started, go):
    """The first task: say that it runs, then keep the worker busy until the parent says go."""
    started.set()
    go.wait(timeout=60)


def square(x):
    return x * x


def wait_until(condition, timeout=20):
    """Poll ``condition()`` until it is true: a future offers no event for these states."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{condition} still false after {timeout} s")
        time.sleep(0.01)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


def main():
    ctx = mp.get_context(parse_args().start_method)
    with ctx.Manager() as manager:
        started, go = manager.Event(), manager.Event()
        ex = ProcessPoolExecutor(max_workers=1, mp_context=ctx)
        futures = [ex.submit(hold, started, go)]
        started.wait(timeout=20)  # the worker runs the first task
        futures += [ex.submit(square, x) for x in range(7)]
        wait_until(futures[2].running)  # the next 2 are in the worker's call queue, which is full
        ex.shutdown(wait=False, cancel_futures=True)
        wait_until(futures[-1].cancelled)  # the executor has cancelled the rest
        go.set()  # let the first task end
        ex.shutdown(wait=True)
    cancelled = sum(f.cancelled() for f in futures)
    print(f"8 submitted: {8 - cancelled} ran, {cancelled} cancelled", flush=True)
    try:
        futures[-1].result(timeout=0)
    except CancelledError:
        print("the last future's result() raised CancelledError", flush=True)


if __name__ == "__main__":
    main()
