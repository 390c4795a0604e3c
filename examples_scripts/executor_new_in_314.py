"""Python 3.14 additions: Executor.map(buffersize=) and terminate_workers()/kill_workers().

Watch for: with buffersize=4, map submits at most 4 tasks ahead of the results you have
taken, so it can even walk an endless iterator; terminate_workers() stops a task that
would run far too long and leaves the executor unusable. The script first waits until that
task is running (handed to the worker): one still waiting in the executor would be
cancelled instead. On older Pythons the script says that these are missing and does
nothing else.
"""

import argparse
import itertools
import multiprocessing as mp
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def square(x):
    return x * x


def pause(seconds):
    time.sleep(seconds)
    return seconds


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
    if not hasattr(ProcessPoolExecutor, "terminate_workers"):
        print(
            f"Python {sys.version_info.major}.{sys.version_info.minor}: no map(buffersize=), "
            "no terminate_workers()/kill_workers() (new in 3.14)",
            flush=True,
        )
        return
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as ex:
        squares = ex.map(square, itertools.count(), timeout=20, buffersize=4)  # an endless input
        print("first 6 squares of an endless input:", list(itertools.islice(squares, 6)), flush=True)
    ex = ProcessPoolExecutor(max_workers=1, mp_context=ctx)
    stuck = ex.submit(pause, 60)  # far longer than this script may run
    deadline = time.monotonic() + 20
    while not stuck.running() and time.monotonic() < deadline:  # until it is handed to the worker
        time.sleep(0.01)
    ex.terminate_workers()
    try:
        stuck.result(timeout=20)
    except BrokenProcessPool as exc:
        print(f"after terminate_workers(): BrokenProcessPool: {exc}", flush=True)
    ex.shutdown()


if __name__ == "__main__":
    main()
