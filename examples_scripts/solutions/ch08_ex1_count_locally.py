"""Solution to exercise ch08-ex1: count in a local variable, then add to the shared Value once, under its lock.

Watch for: the total is exact, as with a lock around every increment, but each worker takes
the lock once instead of 20 000 times.
"""

import argparse
import multiprocessing as mp

WORKERS, TIMES = 3, 20_000


def add_locally(counter, times):
    local = 0
    for _ in range(times):
        local += 1  # private to this process: no lock needed
    with counter.get_lock():  # one shared read-and-write, protected
        counter.value += local


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
    counter = ctx.Value("i", 0)
    workers = [ctx.Process(target=add_locally, args=(counter, TIMES)) for _ in range(WORKERS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=20)
    print(f"{WORKERS} x {TIMES}: total {counter.value} of {WORKERS * TIMES}", flush=True)


if __name__ == "__main__":
    main()
