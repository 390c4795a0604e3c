"""BROKEN ON PURPOSE: a Pool created at module level, with no ``if __name__ == "__main__":``.

Watch for: under spawn every worker re-imports this file, tries to create a pool of its own,
and dies of the bootstrapping RuntimeError before taking a task. The pool starts a new worker
for each one that dies, so stderr fills with the same traceback, and ``map`` would wait
forever. Here the wait is bounded: ``get(timeout=...)`` gives up, and leaving the ``with``
block terminates the pool. Under fork it works. The fixed version is ../main_guard.py.
"""
import argparse
import multiprocessing as mp
import sys

WAIT = 3  # seconds: long enough for a healthy pool, here only long enough to see the churn


def square(x):
    return x * x


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start-method", choices=mp.get_all_start_methods(), default="spawn",
                        help="how to start child processes (default: spawn, as on Windows)")
    return parser.parse_args()


method = parse_args().start_method
print(f"module level: __name__ = {__name__!r}, creating a pool with {method}", flush=True)
with mp.get_context(method).Pool(2) as pool:
    try:
        print(f"squares: {pool.map_async(square, range(5)).get(timeout=WAIT)}", flush=True)
    except mp.TimeoutError:
        print(f"no result after {WAIT} s: the workers keep dying and the pool keeps replacing them")
        sys.exit(1)
