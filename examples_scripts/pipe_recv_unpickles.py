"""``Connection.recv()`` unpickles what arrives, and unpickling can call any function.

Watch for: the child sends an object whose ``__reduce__`` names ``print``. The parent's
``recv()`` calls it: the "!!!" line is printed by the parent, not the child, and ``recv()``
returns print's return value, None. A second object names ``os.getpid``: ``recv()`` returns
the parent's own pid, proof that the call ran in the receiver. Both functions are harmless; a
hostile peer would name ``os.system``. ``recv_bytes()`` only returns bytes and runs nothing.
"""

import argparse
import multiprocessing as mp
import os
import pickle
from multiprocessing.connection import wait

TIMEOUT = 20  # seconds; a bound we never expect to reach


class Sneaky:
    """Unpickling this object calls print(...): harmless here, but it could be any function."""

    def __reduce__(self):
        return (print, ("!!! printed by pickle inside recv(), in the parent",))


class PidProbe:
    """Unpickling this object calls os.getpid() in whichever process unpickles it."""

    def __reduce__(self):
        return (os.getpid, ())


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


def peer(conn):
    conn.send(Sneaky())  # pickled by send()
    conn.send(PidProbe())
    conn.send_bytes(pickle.dumps(Sneaky()))  # the same bytes, sent raw


def main():
    ctx = mp.get_context(parse_args().start_method)
    receive_end, send_end = ctx.Pipe(duplex=False)
    p = ctx.Process(target=peer, args=(send_end,))
    p.start()
    send_end.close()
    if wait([receive_end], TIMEOUT):
        obj = receive_end.recv()  # unpickles: print() runs HERE
        print(f"parent: recv() returned {obj!r}", flush=True)
    if wait([receive_end], TIMEOUT):
        pid = receive_end.recv()  # unpickles: os.getpid() runs HERE
        print(f"parent: recv() returned a pid; it is the parent's own: {pid == os.getpid()}", flush=True)
    if wait([receive_end], TIMEOUT):
        data = receive_end.recv_bytes(maxlength=1024)  # just bytes: nothing runs
        print(f"parent: recv_bytes() returned a pickle ({data[:1]!r}...); nothing ran", flush=True)
    receive_end.close()
    p.join(timeout=TIMEOUT)
    print(f"child exit code {p.exitcode}", flush=True)


if __name__ == "__main__":
    main()
