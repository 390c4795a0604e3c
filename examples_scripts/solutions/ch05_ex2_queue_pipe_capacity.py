"""Solution to exercise ch05-ex2: from what size does join-before-drain hang?

Watch for: for each size, a child puts one item and returns; the parent joins it *before*
reading. Small items fit in the pipe's buffer, so the child exits; from some size on the
feeder thread cannot finish and ``join(timeout=...)`` gives up. The threshold is the pipe's
capacity (64 KiB on Linux); it depends on the OS, so never rely on it: drain, then join.
"""
import argparse
import multiprocessing as mp
import sys

SIZES_KIB = [1, 16, 256, 4096]
WAIT = 0.5  # seconds to wait for a child whose function has already returned
TIMEOUT = 10  # seconds


def child(q, returned, size):
    q.put(b"x" * size)
    returned.set()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start-method", choices=mp.get_all_start_methods(), default="spawn",
                        help="how to start child processes (default: spawn, as on Windows)")
    return parser.parse_args()


def main():
    ctx = mp.get_context(parse_args().start_method)
    for kib in SIZES_KIB:
        q, returned = ctx.Queue(), ctx.Event()
        p = ctx.Process(target=child, args=(q, returned, kib * 1024))
        p.start()
        returned.wait(timeout=TIMEOUT)
        p.join(timeout=WAIT)  # join before drain, on purpose
        verdict = "join() returned" if p.exitcode == 0 else f"join() timed out after {WAIT} s"
        print(f"{kib:>5} KiB: {verdict}", flush=True)
        q.get(timeout=TIMEOUT)  # drain, so the stuck child can exit
        p.join(timeout=TIMEOUT)


if __name__ == "__main__":
    main()
