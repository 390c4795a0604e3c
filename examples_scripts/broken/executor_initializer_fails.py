"""BROKEN ON PURPOSE: the executor's initializer raises, so no worker ever takes a task.

Watch for: the worker logs "Exception in initializer:" with its traceback on stderr and
exits; the parent sees a dead worker and marks the pool broken, so the future raises
BrokenProcessPool instead of the initializer's own error. Nothing hangs.
"""

import argparse
import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def open_database():
    raise ConnectionError("database unreachable")


def square(x):
    return x * x


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
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=open_database) as ex:
        try:
            ex.submit(square, 3).result(timeout=20)
        except BrokenProcessPool as exc:
            print(f"the future raised BrokenProcessPool: {exc}", flush=True)
        try:
            ex.submit(square, 4)
        except BrokenProcessPool as exc:
            print(f"a later submit() raised BrokenProcessPool: {exc}", flush=True)
    sys.exit("the initializer failed: fix it, then create a new executor")


if __name__ == "__main__":
    main()
