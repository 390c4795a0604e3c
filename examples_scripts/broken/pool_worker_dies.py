"""BROKEN ON PURPOSE: a Pool worker dies in the middle of a task, and map() never returns.

Watch for: the Pool quietly starts a new worker to replace the dead one, but the task the
dead worker held is lost, so map would wait forever. The wait here is bounded by
get(timeout=WAIT); leaving the with block terminates the pool. The same task breaks a
ProcessPoolExecutor cleanly instead (executor_worker_dies.py).
"""

import argparse
import multiprocessing as mp
import os
import sys

WAIT = 1  # seconds: plenty for four squares


def square_or_die(x):
    if x == 2:
        os._exit(1)  # the process ends here, as if it crashed or was killed
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
    with ctx.Pool(2) as pool:
        try:
            print(pool.map_async(square_or_die, range(4)).get(timeout=WAIT), flush=True)
        except mp.TimeoutError:
            print(f"Pool: no result after {WAIT} s: the lost task will never finish", flush=True)
            sys.exit(1)


if __name__ == "__main__":
    main()
