"""BROKEN ON PURPOSE: the parent joins a child before it gets the child's large item.

Watch for: the child's function has returned, yet the process does not exit. Its queue's
feeder thread must first write all 4 MiB into the pipe, and the pipe is full because
nobody reads it: ``p.join()`` would wait forever. Here ``join(timeout=1)`` gives up and
``is_alive()`` is still True; draining the queue then lets the child exit.
The fixed version is ../fixed/queue_join_before_drain.py.
"""

import argparse
import multiprocessing as mp
import sys

SIZE = 4 * 1024 * 1024  # 4 MiB: far more than a pipe holds
WAIT = 1  # seconds


def child(q, returned):
    q.put(b"x" * SIZE)  # returns at once: a feeder thread writes to the pipe in the background
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
    q, returned = ctx.Queue(), ctx.Event()
    p = ctx.Process(target=child, args=(q, returned))
    p.start()
    print(f"child's function returned: {returned.wait(timeout=10)}", flush=True)
    p.join(timeout=WAIT)  # the mistake: join before get
    print(f"after join(timeout={WAIT}): is_alive() = {p.is_alive()}, exitcode = {p.exitcode}", flush=True)
    stuck = p.is_alive()
    data = q.get(timeout=10)  # draining the queue unblocks the feeder thread
    p.join(timeout=10)
    print(f"after get() of {len(data)} bytes: is_alive() = {p.is_alive()}, exitcode = {p.exitcode}", flush=True)
    sys.exit(1 if stuck else 0)


if __name__ == "__main__":
    main()
