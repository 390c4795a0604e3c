"""The fix: the parent closes its copy of the child's end right after ``start()``.

Watch for: the child exits without sending anything, exactly as in
broken/pipe_parent_keeps_child_end.py. Now the child's copy was the last one, so the pipe
closed when the child exited: once ``join()`` has returned, ``wait()`` with a timeout of 0
(no waiting at all) finds the pipe ready, and ``recv()`` raises EOFError at once.
"""

import argparse
import multiprocessing as mp
import sys
from multiprocessing.connection import wait

TIMEOUT = 20  # seconds; a bound we never expect to reach


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


def child(conn):
    print("child: exiting without sending anything", flush=True)


def main():
    ctx = mp.get_context(parse_args().start_method)
    parent_end, child_end = ctx.Pipe()
    p = ctx.Process(target=child, args=(child_end,))
    p.start()
    child_end.close()  # THE FIX: the child has its own copy; the parent's only keeps the pipe open
    p.join(timeout=TIMEOUT)
    print(f"child exit code {p.exitcode}", flush=True)
    if wait([parent_end], 0):  # timeout 0: ready now, or not at all
        try:
            parent_end.recv()
        except EOFError:
            print("parent: ready without waiting; recv() raised EOFError", flush=True)
    else:
        print("parent: the pipe is still open; recv() would block", flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
