"""Solution to exercise ch15-ex2: the same batch on a fifth engine, concurrent.futures.ProcessPoolExecutor.

Watch for: the same results as every other engine; the function goes by reference, so it
must live in an importable module (cpu_work), as with a Pool; ``map(..., timeout=)`` bounds
the wait. Prints the start-up and the median batch time, as engines_benchmark.py does.
"""

import argparse
import multiprocessing as mp
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # examples_scripts/, for cpu_work
from cpu_work import burn  # noqa: E402

TASKS, WORKERS, TIMEOUT = 16, 2, 60


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
    method = parse_args().start_method
    expected = [burn(i) for i in range(TASKS)]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(WORKERS, mp_context=mp.get_context(method)) as pool:
        list(pool.map(burn, [0] * WORKERS, timeout=TIMEOUT))  # workers are up
        start = time.perf_counter() - t0
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            assert list(pool.map(burn, range(TASKS), timeout=TIMEOUT)) == expected
            times.append(time.perf_counter() - t0)
    print(f"ProcessPoolExecutor ({method}): same results as one process: True")
    print(f"start-up {start:.2f} s; batch of {TASKS} calls: median {statistics.median(times):.3f} s")


if __name__ == "__main__":
    main()
