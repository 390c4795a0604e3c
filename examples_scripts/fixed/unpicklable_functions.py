"""The fixes for lambdas, nested functions and local classes: give them a module-level name.

Watch for: each worker is found by name in the child (module + qualified name), so it must be
defined at module level. A lambda becomes a ``def``; a closure becomes ``functools.partial``
of a module-level function (the partial pickles the function by name and its bound arguments
by value); a local class moves to module level. Every map prints the same results under
spawn, forkserver and fork.
"""

import argparse
import functools
import multiprocessing as mp


def square(x):  # instead of: square = lambda x: x * x
    return x * x


def add(n, x):  # instead of a closure over n: functools.partial(add, n)
    return x + n


class Point:  # instead of a class defined inside a function
    def __init__(self, x, y):
        self.x, self.y = x, y


def norm1(p):
    return abs(p.x) + abs(p.y)


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
    add_ten = functools.partial(add, 10)
    with ctx.Pool(2) as pool:
        print("module-level def:  ", pool.map_async(square, range(5)).get(timeout=20), flush=True)
        print("functools.partial: ", pool.map_async(add_ten, range(5)).get(timeout=20), flush=True)
        points = [Point(i, -i) for i in range(5)]
        print("module-level class:", pool.map_async(norm1, points).get(timeout=20), flush=True)
        pool.close()
        pool.join()


if __name__ == "__main__":
    main()
