"""Measured: the cost per item of Pool.map and ProcessPoolExecutor.map against chunksize.

Watch for: every chunk is one message to a worker and one back, so with ``chunksize=1`` a tiny
task costs a round trip of its own. ``Pool.map`` picks a chunk size by itself (about four
chunks per worker: ``ceil(n / (4 * workers))``); ``ProcessPoolExecutor.map`` defaults to
``chunksize=1``, and on top of the message it makes a ``Future`` per item. Raise ``chunksize``
and the items of a chunk share one message. Chunks that are too large cost balance instead
(chapter 4's timeline): with thousands of tiny tasks, take the pool's rule for the executor too.
Both pools are started (and warmed up) before the timing: only ``map`` is timed.
Prints a table, then one line ``json: {...}`` with every measurement for plotting.
"""

import argparse
import json
import multiprocessing as mp
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

from machine import describe_machine  # machine.py, beside this script

WORKERS = 2
TIMEOUT = 60  # seconds


def square(x):
    return x * x


def pool_default_chunksize(n, workers):
    """What Pool.map does when chunksize is None (CPython's Lib/multiprocessing/pool.py)."""
    chunksize, extra = divmod(n, workers * 4)
    return chunksize + 1 if extra else chunksize


def time_map(map_items, n, chunksize, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = map_items(n, chunksize)
        times.append(time.perf_counter() - t0)
        assert out[-1] == (n - 1) ** 2
    return times


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument("--quick", action="store_true", help="1000 items, 3 repeats: for the book and the tests")
    return parser.parse_args()


def main():
    args = parse_args()
    ctx = mp.get_context(args.start_method)
    n = 1000 if args.quick else 20000
    repeats = 3 if args.quick else 7
    default = pool_default_chunksize(n, WORKERS)
    sizes = sorted({1, 4, 16, 64, 256, default})
    results = {
        "machine": describe_machine(),
        "start_method": args.start_method,
        "workers": WORKERS,
        "items": n,
        "chunksizes": sizes,
        "pool_default": default,
        "executor_default": 1,
        "seconds": {},
    }
    with ctx.Pool(WORKERS) as pool, ProcessPoolExecutor(WORKERS, mp_context=ctx) as ex:
        maps = {
            "Pool.map": lambda k, c: pool.map_async(square, range(k), c).get(timeout=TIMEOUT),
            "ProcessPoolExecutor.map": lambda k, c: list(ex.map(square, range(k), timeout=TIMEOUT, chunksize=c)),
        }
        for label, map_items in maps.items():
            map_items(100, 1)  # warm-up: the workers are up and have run a task
            results["seconds"][label] = [time_map(map_items, n, c, repeats) for c in sizes]
    print(results["machine"])
    print(f"{n} tiny tasks on {WORKERS} workers; Pool.map's own chunksize: {default}, the executor's: 1")
    print(f"{'chunksize':>10}" + "".join(f"{label:>26}" for label in results["seconds"]) + "   (µs per item, median)")
    for i, c in enumerate(sizes):
        cells = [statistics.median(results["seconds"][label][i]) / n * 1e6 for label in results["seconds"]]
        print(f"{c:>10}" + "".join(f"{x:>26.1f}" for x in cells), flush=True)
    print("json:", json.dumps(results))


if __name__ == "__main__":
    main()
