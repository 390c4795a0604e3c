"""BROKEN ON PURPOSE: a Pool inside a Pool worker fails: "daemonic processes are not allowed to have children".

Watch for: Pool workers are daemonic, and a daemonic process may not start children. The
worker's ``Pool(2)`` raises ``AssertionError`` in the worker; ``get()`` re-raises it in the
parent with the worker's traceback. (A stdlib compiled without asserts, like Python's
Windows embeddable build run under Wine here, skips the check and the inner pool starts.)
The fixes are in fixed/nested_pool.py.
"""

import argparse
import multiprocessing as mp


def square(x):
    return x * x


def sum_of_squares(n, method):
    """Runs in an outer worker and tries to start an inner pool."""
    with mp.get_context(method).Pool(2) as inner:
        return sum(inner.map_async(square, range(n)).get(timeout=20))


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


if __name__ == "__main__":
    method = parse_args().start_method
    outer = mp.get_context(method).Pool(2)
    try:
        print(outer.starmap_async(sum_of_squares, [(3, method), (4, method)]).get(timeout=30))
    finally:
        outer.close()  # not terminate(): let the workers exit cleanly and free what they created
        outer.join()
