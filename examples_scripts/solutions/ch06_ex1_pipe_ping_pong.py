"""Solution to exercise ch06-ex1: a duplex Pipe as a tiny request/reply service, stopped by a None sentinel.

Watch for: the parent sends numbers and the child answers each with its square on the same
pair of ends; None tells the child to stop. The parent closes its copy of the child's end, so
even a child that died early would give EOFError instead of a hang.
"""

import argparse
import multiprocessing as mp
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


def squarer(conn):
    while wait([conn], TIMEOUT):
        n = conn.recv()
        if n is None:  # the sentinel: no more requests
            break
        conn.send(n * n)
    conn.close()


def main():
    ctx = mp.get_context(parse_args().start_method)
    parent_end, child_end = ctx.Pipe()
    p = ctx.Process(target=squarer, args=(child_end,))
    p.start()
    child_end.close()
    for n in (3, 4, 5):
        parent_end.send(n)
        if not wait([parent_end], TIMEOUT):
            print(f"parent: no answer after {TIMEOUT} s", flush=True)
            break
        print(f"{n} -> {parent_end.recv()}", flush=True)
    parent_end.send(None)
    parent_end.close()
    p.join(timeout=TIMEOUT)
    print(f"child exit code {p.exitcode}", flush=True)


if __name__ == "__main__":
    main()
