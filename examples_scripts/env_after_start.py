"""Where a worker's environment comes from: the parent at each start (spawn), or the fork server (forkserver).

Watch for: the parent starts a pool, then sets ``OPENBLAS_NUM_THREADS=1`` in ``os.environ`` and
starts a second pool. Under spawn (and fork) each new worker copies the parent's environment as
it is now, so the second pool's worker sees ``1``. Under forkserver every worker is forked from
the fork server, which copied the environment once, when the first pool started it: the second
pool's worker still sees ``unset``. So set such variables before the first process starts (at the
top of the script, before ``import numpy``), or limit BLAS threads in each worker's initializer.
"""

import argparse
import multiprocessing as mp
import os

VARIABLE = "OPENBLAS_NUM_THREADS"
TIMEOUT = 60  # seconds


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


def seen(_):
    """What the worker finds in its environment."""
    return os.environ.get(VARIABLE, "unset")


def worker_sees(ctx):
    with ctx.Pool(1) as pool:
        return pool.map_async(seen, [0]).get(timeout=TIMEOUT)[0]


def main():
    method = parse_args().start_method
    ctx = mp.get_context(method)
    os.environ.pop(VARIABLE, None)
    print(f"{method}: first pool, {VARIABLE} not set in the parent: the worker sees {worker_sees(ctx)}")
    os.environ[VARIABLE] = "1"
    print(f"{method}: second pool, after the parent set {VARIABLE}=1: the worker sees {worker_sees(ctx)}")


if __name__ == "__main__":
    main()
