"""The popular blog post's Pool example, corrected: same pool, same squares, in milliseconds.

Watch for: the result is printed from inside the ``with`` block, because leaving the block
terminates the pool; the wait is bounded; the start method is chosen explicitly. The post's
``time.sleep(1)`` in every task is gone: it only made ten squares take three seconds.
"""
import argparse
import multiprocessing as mp
import sys


def square(x):
    return x * x


def parse_args():
    methods = mp.get_all_start_methods()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start-method", default="spawn", help=f"one of {methods} (default: spawn)")
    args = parser.parse_args()
    if args.start_method not in methods:
        sys.exit(f"error: start method {args.start_method!r} is not available here; choose from {methods}")
    return args


def main():
    ctx = mp.get_context(parse_args().start_method)
    with ctx.Pool(4) as pool:
        result = pool.map_async(square, range(10))
        print(result.get(timeout=10), flush=True)


if __name__ == "__main__":
    main()
