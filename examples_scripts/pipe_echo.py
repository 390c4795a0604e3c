"""The source post's Pipe echo, corrected: explicit context, bounded waits, the unused end closed.

Watch for: both ends of a duplex ``Pipe()`` send and receive: the parent sends "hello", the
child answers "echo: hello" on the same pair. The parent closes its copy of the child's end
right after ``start()``, and every ``recv()`` waits only after ``wait()`` said a message (or
the end of the pipe) is there, so nothing can hang.
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


def child(conn):
    if not wait([conn], TIMEOUT):
        print(f"child: nothing arrived in {TIMEOUT} s", flush=True)
        return
    msg = conn.recv()
    conn.send(f"echo: {msg}")
    conn.close()


def main():
    ctx = mp.get_context(parse_args().start_method)
    parent_conn, child_conn = ctx.Pipe()  # duplex: both ends can send and receive
    p = ctx.Process(target=child, args=(child_conn,))
    p.start()
    child_conn.close()  # the child has its own copy now; ours would only hide the child's exit
    parent_conn.send("hello")
    if wait([parent_conn], TIMEOUT):  # True: a message, or EOF if the child died
        try:
            print(parent_conn.recv(), flush=True)
        except EOFError:
            print("parent: the child exited without answering", flush=True)
    else:
        print(f"parent: no answer after {TIMEOUT} s", flush=True)
    parent_conn.close()
    p.join(timeout=TIMEOUT)
    print(f"child exit code {p.exitcode}", flush=True)


if __name__ == "__main__":
    main()
