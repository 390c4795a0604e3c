"""The fix: the parent closes its copy of the child's end right after ``start()``.

Watch for: the child exits without sending anything, exactly as in
broken/pipe_parent_keeps_child_end.py. Now the child's copy was the last one, so the pipe
closed when the child exited: once ``join()`` has returned, ``wait()`` with a timeout of 0
(no waiting at all) finds the pipe ready, and ``recv()`` raises EOFError at once.
The last line, ``json: {...}``, says which process held which end when the parent
waited, for the chapter's picture.
"""

import argparse
import json
import multiprocessing as mp
import os
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
    ends = {"parent_end": parent_end.fileno(), "child_end": child_end.fileno()}  # the parent's copies
    p = ctx.Process(target=child, args=(child_end,))
    p.start()
    child_end.close()  # THE FIX: the child has its own copy; the parent's only keeps the pipe open
    p.join(timeout=TIMEOUT)
    print(f"child exit code {p.exitcode}", flush=True)
    facts = {"parent": os.getpid(), "child": p.pid, "exitcode": p.exitcode, "fds": ends}
    facts["child_end_closed_in_parent"] = child_end.closed
    if wait([parent_end], 0):  # timeout 0: ready now, or not at all
        try:
            parent_end.recv()
        except EOFError:
            print("parent: ready without waiting; recv() raised EOFError", flush=True)
            print("json:", json.dumps({**facts, "outcome": "EOFError at once"}), flush=True)
    else:
        print("parent: the pipe is still open; recv() would block", flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
