"""Solution to exercise ch10-ex2: a generator can feed a pool, but cannot be sent to one.

Watch for: ``pool.map(square, numbers())`` works, because ``map`` runs the generator in the
parent and sends the numbers it yields; ``imap`` does the same lazily. ``pool.map(total,
[numbers()])`` fails in the parent with "TypeError: cannot pickle 'generator' object",
because the generator itself would have to cross. The fix: send what the worker needs to
make its own generator (here, the count).
"""

import argparse
import multiprocessing as mp


def numbers(n=5):
    yield from range(n)


def square(x):
    return x * x


def total(items):
    return sum(items)


def total_of_numbers(n):  # the worker makes its own generator
    return sum(numbers(n))


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
        print("map over a generator:  ", pool.map_async(square, numbers()).get(timeout=20), flush=True)
        results = pool.imap(square, numbers())
        print("imap over a generator: ", [results.next(timeout=20) for _ in range(5)], flush=True)
        try:
            pool.map_async(total, [numbers()]).get(timeout=20)
        except TypeError as error:
            print("a generator as a task: ", f"{type(error).__name__}: {error}", flush=True)
        print("send the count instead:", pool.map_async(total_of_numbers, [5]).get(timeout=20), flush=True)
        pool.close()
        pool.join()


if __name__ == "__main__":
    main()
