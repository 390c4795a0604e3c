"""BROKEN ON PURPOSE: numpy.random seeded once at module level, so every worker draws the SAME numbers.

Watch for: three workers, three identical rows of "random" numbers. ``np.random.seed(42)``
at module level runs again in every spawned child (it re-imports this file), and a forked
child copies the parent's already-seeded state, so every start method shows the bug. The
``random`` module column differs: Python re-seeds it from ``os.urandom`` in every new process,
forked ones included. With ``--no-seed`` (the parent only draws one number before starting the
workers) only ``fork`` shows the bug: a spawned child seeds NumPy from the OS, a forked child
copies the parent's state. The fix, one stream per worker from
``numpy.random.SeedSequence``, is in ../template.py.
"""

import argparse
import multiprocessing as mp
import random
import sys

import numpy as np

if "--no-seed" not in sys.argv:
    np.random.seed(42)  # "for reproducibility": the bug


def draw(worker, results):
    numbers = np.random.random(3)  # NumPy's global state
    results.put((worker, numbers.tolist(), random.random()))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument(
        "--no-seed",
        action="store_true",
        help="no np.random.seed(42); the parent draws once before starting the workers",
    )
    return parser.parse_args()


def main():
    args = parse_args()
    ctx = mp.get_context(args.start_method)
    if args.no_seed:
        np.random.random()  # the parent uses NumPy's global state first, e.g. to shuffle the inputs
    results = ctx.Queue()
    workers = [ctx.Process(target=draw, args=(i, results)) for i in range(3)]
    for w in workers:
        w.start()
    rows = sorted(results.get(timeout=20) for _ in workers)  # collect first, then join
    for w in workers:
        w.join(timeout=20)
    for worker, numbers, single in rows:  # all of random.random(): 4 digits would match by chance 1 run in 3000
        print(f"worker {worker}: numpy.random {[round(x, 4) for x in numbers]}   random.random() {single}", flush=True)
    distinct = len({tuple(numbers) for _, numbers, _ in rows})
    if distinct == 1:
        sys.exit(f"BUG: all {len(rows)} workers drew the same numpy.random numbers")
    print(f"ok: {distinct} different numpy.random streams", flush=True)


if __name__ == "__main__":
    main()
