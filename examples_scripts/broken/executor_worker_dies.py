"""BROKEN ON PURPOSE: a worker dies in the middle of a task, and the executor breaks cleanly.

Watch for: the task calls os._exit(1), the portable way to make a process vanish without
a Python exception. The executor notices at once: the future raises BrokenProcessPool, and
every later submit() raises it too (with a different message). Nothing hangs. Compare
pool_worker_dies.py, where a Pool waits for the lost task forever.
"""

import argparse
import multiprocessing as mp
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def square(x):
    return x * x


def die(_x):
    os._exit(1)  # the process ends here, as if it crashed or was killed


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
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as ex:
        print("square(3) =", ex.submit(square, 3).result(timeout=20), flush=True)
        doomed = ex.submit(die, 0)
        try:
            doomed.result(timeout=20)
        except BrokenProcessPool as exc:
            print(f"the future raised BrokenProcessPool: {exc}", flush=True)
        try:
            ex.submit(square, 4)
        except BrokenProcessPool as exc:
            print(f"a later submit() raised BrokenProcessPool: {exc}", flush=True)
    sys.exit("the executor is broken: create a new one to go on")


if __name__ == "__main__":
    main()
