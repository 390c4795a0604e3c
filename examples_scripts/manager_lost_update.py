"""``d["n"] += 1`` in several processes loses updates; a manager Lock around it does not.

Watch for: ``d["n"] += 1`` on a proxy is two round trips to the server, a read
(``d.__getitem__``) and a write (``d.__setitem__``), with nothing to stop another process
in between. Part 1 forces the worst interleaving with a Barrier: both children read 0, both
write 1, so one increment is always lost. Part 2 leaves the race to chance and reports how
many increments this run lost: it depends on how the OS schedules the processes, so it
changes from run to run and can be zero. Part 3 holds ``manager.Lock()`` around the read and
the write, and the count is exact.
"""

import argparse
import multiprocessing as mp

TIMEOUT = 30  # seconds: a slow machine can take several seconds to start a spawned child
REPEATS = 300  # increments per child in parts 2 and 3


def read_wait_write(d, barrier):
    n = d["n"]  # round trip 1: read
    barrier.wait(TIMEOUT)  # both children have read before either writes
    d["n"] = n + 1  # round trip 2: write


def increment(d, barrier, repeats):
    barrier.wait(TIMEOUT)  # start together, so that the two loops can overlap
    for _ in range(repeats):
        d["n"] += 1  # read, then write: another process may write in between


def increment_locked(d, lock, repeats):
    for _ in range(repeats):
        with lock:
            d["n"] += 1


def run_children(ctx, target, args, count=2):
    children = [ctx.Process(target=target, args=args) for _ in range(count)]
    for p in children:
        p.start()
    for p in children:
        p.join(timeout=TIMEOUT)
    assert all(p.exitcode == 0 for p in children), [p.exitcode for p in children]


def report(label, increments, n, note=""):
    print(f"{label:<24}{increments:>4} increments, d['n'] = {n}{note}", flush=True)


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
        d = manager.dict(n=0)
        run_children(ctx, read_wait_write, (d, manager.Barrier(2)))
        report("1. read, wait, write:", 2, d["n"])

        d["n"] = 0
        run_children(ctx, increment, (d, manager.Barrier(2), REPEATS))
        n = d["n"]
        report("2. racing, no lock:", 2 * REPEATS, n, f" ({2 * REPEATS - n} lost this run)")

        d["n"] = 0
        run_children(ctx, increment_locked, (d, manager.Lock(), REPEATS))
        report("3. with manager.Lock():", 2 * REPEATS, d["n"])


if __name__ == "__main__":
    main()
