"""Solution to exercise ch02-ex2: how often does module-level work run with a pool of 3?

Watch for: under spawn the expensive line runs 1 + 3 times (the parent, then each worker
re-imports this file); under fork it runs once. Move such work into ``main()`` or into a
pool ``initializer`` so that it runs where you mean it to.
"""

import argparse
import multiprocessing as mp
import os

# one write per line (print's text and its newline are two): lines of two workers cannot run together
print(f"expensive module-level set-up runs in pid {os.getpid()}\n", end="", flush=True)


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
    with mp.get_context(parse_args().start_method).Pool(3) as pool:
        squares = pool.map_async(square, range(6)).get(timeout=20)
        print(f"squares: {squares}", flush=True)
        pool.close()  # no more tasks; join() waits until every worker has exited
        pool.join()


if __name__ == "__main__":
    main()
