"""Solution to exercise ch05-ex2: from what size does join-before-drain hang?

Watch for: one child per size puts one item and returns; the parent joins each child *before*
reading its queue. An item that fits in the pipe's buffer is written at once, so its child
exits; a bigger one cannot be written until someone reads, so ``join(timeout=...)`` gives up.
The threshold is the pipe's capacity (64 KiB on Linux; for multiprocessing's pipes on Windows,
8 KiB up to Python 3.13 and 64 KiB from 3.14): it depends on the OS and the version, so never
rely on it. Drain, then join.
"""

import argparse
import multiprocessing as mp
import time

SIZES_KIB = [1, 16, 256, 4096]
WAIT = 3  # seconds, shared by all the children: ample for one whose item fit to exit
TIMEOUT = 10  # seconds


def child(q, returned, size):
    q.put(b"x" * size)
    returned.set()


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
    queues = {kib: ctx.Queue() for kib in SIZES_KIB}
    returned = {kib: ctx.Event() for kib in SIZES_KIB}
    children = {kib: ctx.Process(target=child, args=(queues[kib], returned[kib], kib * 1024)) for kib in SIZES_KIB}
    for p in children.values():  # all sizes at once, so that they share one WAIT
        p.start()
    for event in returned.values():
        event.wait(timeout=TIMEOUT)  # every child's function has returned
    deadline = time.monotonic() + WAIT
    for kib, p in children.items():
        p.join(timeout=max(0, deadline - time.monotonic()))  # join before drain, on purpose
        verdict = "join() returned" if p.exitcode == 0 else f"join() timed out after {WAIT} s"
        print(f"{kib:>5} KiB: {verdict}", flush=True)
    for kib, p in children.items():
        queues[kib].get(timeout=TIMEOUT)  # drain, so the stuck children can exit
        p.join(timeout=TIMEOUT)


if __name__ == "__main__":
    main()
