"""Solution to exercise ch02-ex2: how often does module-level work run with a pool of 3?

Watch for: under spawn the expensive line runs 1 + 3 times (the parent, then each worker
re-imports this file); under fork it runs once. Move such work into ``main()`` or into a
pool ``initializer`` so that it runs where you mean it to.
"""
import argparse
import multiprocessing as mp
import os
import sys

print(f"expensive module-level set-up runs in pid {os.getpid()}", flush=True)


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
    with mp.get_context(parse_args().start_method).Pool(3) as pool:
        squares = pool.map_async(square, range(6)).get(timeout=20)
        print(f"squares: {squares}", flush=True)
        pool.close()  # no more tasks; join() waits until every worker has exited
        pool.join()


if __name__ == "__main__":
    main()
