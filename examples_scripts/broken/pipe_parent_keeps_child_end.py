"""BROKEN ON PURPOSE: the parent keeps its copy of the child's end, so it never sees EOFError.

Watch for: the child exits without sending anything. Its copy of ``child_end`` is closed, but
the parent still holds its own copy, so the pipe stays open and ``recv()`` would wait forever.
The script bounds the wait (WAIT seconds) and says so. The fix, one line, is in
../pipe_close_unused_end.py.
The last line, ``json: {...}``, says which process held which end when the parent
waited, for the chapter's picture.
"""

import argparse
import json
import multiprocessing as mp
import os
import sys
from multiprocessing.connection import wait

WAIT = 1.0  # seconds the parent waits for an answer or for EOF before giving up


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
    # BUG: child_end is not closed here, so the parent keeps the pipe alive
    p.join(timeout=20)
    print(f"child exit code {p.exitcode}", flush=True)
    facts = {"parent": os.getpid(), "child": p.pid, "exitcode": p.exitcode, "fds": ends}
    facts["child_end_closed_in_parent"] = child_end.closed
    if wait([parent_end], WAIT):  # would be ready at once if the pipe had been closed
        try:
            parent_end.recv()
        except EOFError:
            print("parent: EOFError", flush=True)
            print("json:", json.dumps({**facts, "outcome": "EOFError"}), flush=True)
    else:
        print(f"parent: still waiting after {WAIT} s; recv() would block forever", flush=True)
        print("json:", json.dumps({**facts, "outcome": f"still waiting after {WAIT} s"}), flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
