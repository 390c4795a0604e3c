"""A tour of the Pool's methods in one standalone script: the same calls as chapter 4's notebook cells.

Watch for: map, imap and starmap keep input order; imap_unordered returns the same values in
the order they finish; callbacks run in the parent; an error in a worker is raised again in
the parent by get(), with the worker's traceback (a RemoteTraceback) as its cause.
"""

import argparse
import multiprocessing as mp
import time
from multiprocessing.pool import RemoteTraceback


def square(x):
    return x * x


def slow_first(x):
    time.sleep(0.3 if x == 0 else 0.02)
    return x * x


def add(a, b):
    return a + b


def reciprocal(x):
    return 1 / x


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
    done, failed = [], []
    with ctx.Pool(2) as pool:
        print("map:           ", pool.map_async(square, range(8)).get(timeout=20), flush=True)
        ordered = pool.imap(slow_first, range(8))
        print("imap:          ", [ordered.next(timeout=20) for _ in range(8)], flush=True)
        unordered = pool.imap_unordered(slow_first, range(8))
        print("imap_unordered, sorted:", sorted(unordered.next(timeout=20) for _ in range(8)), flush=True)
        print("starmap:       ", pool.starmap_async(add, [(1, 2), (3, 4), (5, 6)]).get(timeout=20), flush=True)
        print("apply_async:   ", pool.apply_async(add, (10, 20)).get(timeout=20), flush=True)
        pending = [
            pool.apply_async(reciprocal, (x,), callback=done.append, error_callback=failed.append) for x in (1, 2, 0, 4)
        ]
        for p in pending:
            p.wait(timeout=20)
        print("callback got:  ", sorted(done), "error_callback got:", failed, flush=True)
        try:
            pool.map_async(reciprocal, [1, 0, 2]).get(timeout=20)
        except ZeroDivisionError as exc:
            cause = exc.__cause__
            print(
                f"map raised {exc!r}; cause is a RemoteTraceback: {isinstance(cause, RemoteTraceback)}; "
                f"it names the worker's line: {'return 1 / x' in str(cause)}",
                flush=True,
            )


if __name__ == "__main__":
    main()
