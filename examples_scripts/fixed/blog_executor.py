"""The popular blog post's ProcessPoolExecutor example, corrected: same squares, in milliseconds.

Watch for: the start method is chosen explicitly (mp_context), the wait is bounded
(map(..., timeout=10)), and the post's time.sleep(1) per task is gone: it only made
eight squares on four workers take two seconds. Unlike a Pool, leaving the with block
waits for the work instead of killing it, so printing after the block is fine.
"""

import argparse
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def task(n):
    return n * n


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
    with ProcessPoolExecutor(max_workers=4, mp_context=ctx) as ex:
        results = list(ex.map(task, range(8), timeout=10))
    print(results, flush=True)


if __name__ == "__main__":
    main()
