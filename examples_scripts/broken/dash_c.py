"""BROKEN ON PURPOSE: a worker defined in code passed with ``python -c`` cannot be found by a spawned child.

Watch for: this script runs ``python -c CODE``, and CODE defines ``work`` and maps it over a
Pool. Code given with -c has no file, so a spawned child has nothing to re-import. The
built-in ``abs`` is found by name (so the worker is up), but ``work`` is not: the child dies
with ``AttributeError: Can't get attribute 'work' on <module '__main__' (built-in)>``, and
the pool would wait forever (CODE bounds the wait, once the worker has died). Under fork it
works.
"""

import argparse
import multiprocessing as mp
import subprocess
import sys

CODE = """
import multiprocessing as mp, sys
from multiprocessing.connection import wait
def work(x):
    return x * x
if __name__ == "__main__":
    with mp.get_context(sys.argv[1]).Pool(1) as pool:
        print("pool: abs(-3) =", pool.apply_async(abs, (-3,)).get(timeout=20), flush=True)
        worker, = mp.active_children()
        result = pool.map_async(work, [3])
        for _ in range(400):  # until the result is in or the worker has died: 20 s at most
            if result.ready() or wait([worker.sentinel], timeout=0.05):
                break
        try:
            print("pool:", result.get(timeout=1), flush=True)
        except mp.TimeoutError:
            print("pool: no result after 1 s; map() would wait forever", flush=True)
"""


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
    print(f"$ python -c CODE {method}", flush=True)
    # the child writes straight into this script's stdout and stderr
    done = subprocess.run([sys.executable, "-c", CODE, method], timeout=60)
    print(f"[python -c exit status {done.returncode}]", flush=True)


if __name__ == "__main__":
    main()
