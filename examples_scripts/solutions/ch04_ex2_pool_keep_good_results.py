"""Solution to exercise ch04-ex2: keep the good results when some tasks fail.

Watch for: ``map`` raises the first error and the other results are lost; ``apply_async``
with a ``callback`` and an ``error_callback`` gets every result and every error. Callbacks
run in the parent (in the pool's result thread), so a lambda is fine there: it is never pickled.
"""

import argparse
import multiprocessing as mp


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
    values = [4, 2, 0, 1, 0, 5]
    results, errors = {}, {}
    with ctx.Pool(2) as pool:
        pending = [
            pool.apply_async(
                reciprocal,
                (x,),
                callback=lambda r, i=i: results.__setitem__(i, r),
                error_callback=lambda e, i=i: errors.__setitem__(i, e),
            )
            for i, x in enumerate(values)
        ]
        for p in pending:
            p.wait(timeout=20)
        pool.close()
        pool.join()  # the result thread has run every callback once join() returns
    print("results by position:", dict(sorted(results.items())), flush=True)
    print("errors by position: ", {i: repr(e) for i, e in sorted(errors.items())}, flush=True)


if __name__ == "__main__":
    main()
