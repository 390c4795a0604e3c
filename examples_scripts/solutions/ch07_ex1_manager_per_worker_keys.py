"""Solution to exercise ch07-ex1: count exactly across processes with no lock, one key per worker.

Watch for: each child counts in a local variable (no round trips) and writes its total
once, under its own key. No two processes write the same key, so no update can be lost;
the parent adds the totals up after joining the children.
"""

import argparse
import multiprocessing as mp

TIMEOUT = 10  # seconds
REPEATS = 300


def count(d, name, repeats):
    n = 0
    for _ in range(repeats):
        n += 1  # local: fast and private
    d[name] = n  # one round trip, to a key nobody else writes


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
    with ctx.Manager() as manager:
        d = manager.dict()
        children = [ctx.Process(target=count, args=(d, f"worker {i}", REPEATS)) for i in range(3)]
        for p in children:
            p.start()
        for p in children:
            p.join(timeout=TIMEOUT)
        totals = dict(sorted(d.items()))
        print("per worker:", totals, flush=True)
        print(f"total: {sum(totals.values())} of {3 * REPEATS} increments", flush=True)


if __name__ == "__main__":
    main()
