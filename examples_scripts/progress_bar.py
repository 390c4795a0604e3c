"""A progress bar over a pool: tqdm around imap_unordered and around as_completed.

Watch for: the bar advances as results arrive in the PARENT, in whatever order the workers
finish, so workers never print anything. tqdm writes to stderr, redrawing one line with
carriage returns; its last state reads ``100%|##########| 8/8``. ``ascii=True`` keeps it
readable on any console, and a fixed ``ncols`` keeps its width the same everywhere.
Needs ``pip install tqdm``.
"""

import argparse
import concurrent.futures
import multiprocessing as mp
import sys
import time

from tqdm import tqdm

BAR = dict(ascii=True, file=sys.stderr, mininterval=0.1, ncols=72)


def slow_square(x):
    time.sleep(0.05)  # stands in for work
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
    tasks = range(8)

    with ctx.Pool(2) as pool:
        results = list(tqdm(pool.imap_unordered(slow_square, tasks), total=len(tasks), desc="imap_unordered", **BAR))
    print("Pool results:    ", sorted(results), flush=True)

    with concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx) as ex:
        futures = [ex.submit(slow_square, x) for x in tasks]
        done = [
            f.result()
            for f in tqdm(
                concurrent.futures.as_completed(futures, timeout=20), total=len(futures), desc="as_completed  ", **BAR
            )
        ]
    print("Executor results:", sorted(done), flush=True)


if __name__ == "__main__":
    main()
