"""BROKEN ON PURPOSE: leaving a ``with Pool(...)`` block before collecting ``map_async`` results.

Watch for: ``Pool.__exit__`` calls ``terminate()``, not ``close()`` + ``join()``. The workers
are killed with the tasks still queued, and the result object is never filled in: it stays
not ready, and ``get(timeout=...)`` raises ``multiprocessing.TimeoutError``. Without the
timeout, ``get()`` would wait forever. The fix: call ``get()`` inside the block.
"""

import argparse
import multiprocessing as mp
import sys
import time

WAIT = 1  # second; the 8 tasks below need about 0.4 s on 2 workers


def slow_square(x):
    time.sleep(0.1)  # the with block ends long before 8 of these can be done
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
        result = pool.map_async(slow_square, range(8))
    # the with block has ended: terminate() has run
    print(f"after the with block: ready() = {result.ready()}", flush=True)
    try:
        print("squares:", result.get(timeout=WAIT), flush=True)
    except mp.TimeoutError:
        print(f"get(timeout={WAIT}) raised multiprocessing.TimeoutError: the results never came", flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
