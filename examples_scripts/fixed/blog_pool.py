"""The popular blog post's Pool example, corrected: same pool, same squares, in milliseconds.

Watch for: the result is printed from inside the ``with`` block, because leaving the block
terminates the pool; the wait is bounded; the start method is chosen explicitly. The post's
``time.sleep(1)`` in every task is gone: it only made ten squares take at least three seconds.
"""

import argparse
import multiprocessing as mp


def square(x):
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
    with ctx.Pool(4) as pool:
        result = pool.map_async(square, range(10))
        print(result.get(timeout=10), flush=True)


if __name__ == "__main__":
    main()
