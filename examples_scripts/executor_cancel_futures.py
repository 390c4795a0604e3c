"""shutdown(cancel_futures=True): drop the tasks that have not started, finish the rest.

Watch for: one worker, 8 slow tasks. shutdown(cancel_futures=True) cancels every future
still waiting in the executor; the one running and the one already queued for the worker
(the call queue holds max_workers + 1 tasks) still run. Cancelled futures raise
CancelledError from result().
"""
import argparse
import multiprocessing as mp
import sys
import time
from concurrent.futures import CancelledError, ProcessPoolExecutor


def pause(seconds):
    time.sleep(seconds)
    return seconds


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start-method", choices=mp.get_all_start_methods(), default="spawn",
                        help="how to start child processes (default: spawn, as on Windows)")
    return parser.parse_args()


def main():
    ctx = mp.get_context(parse_args().start_method)
    ex = ProcessPoolExecutor(max_workers=1, mp_context=ctx)
    ex.submit(pause, 0).result(timeout=20)  # the worker is up
    futures = [ex.submit(pause, 0.1) for _ in range(8)]
    time.sleep(0.05)  # let the executor hand the first tasks to the worker
    ex.shutdown(wait=True, cancel_futures=True)
    cancelled = sum(f.cancelled() for f in futures)
    print(f"8 submitted: {8 - cancelled} ran, {cancelled} cancelled", flush=True)
    try:
        futures[-1].result(timeout=0)
    except CancelledError:
        print("the last future's result() raised CancelledError", flush=True)


if __name__ == "__main__":
    main()
