"""Solution to exercise ch06-ex2: exchange JSON with send_bytes()/recv_bytes(), so receiving runs no code.

Watch for: the child sends three JSON messages, then the pickled ``Sneaky`` object as raw
bytes. The parent reads bytes with a size limit and parses them with ``json.loads``: the JSON
messages arrive as plain dicts, the pickle is rejected as "not JSON", and no "!!!" line appears.
"""

import argparse
import json
import multiprocessing as mp
import pickle
from multiprocessing.connection import wait

TIMEOUT = 20  # seconds; a bound we never expect to reach


class Sneaky:
    """Unpickling this object would call print(...); json.loads never unpickles."""

    def __reduce__(self):
        return (print, ("!!! printed by pickle",))


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
    for n in range(3):
        conn.send_bytes(json.dumps({"n": n, "square": n * n}).encode("utf-8"))
    conn.send_bytes(pickle.dumps(Sneaky()))


def main():
    ctx = mp.get_context(parse_args().start_method)
    receive_end, send_end = ctx.Pipe(duplex=False)
    p = ctx.Process(target=peer, args=(send_end,))
    p.start()
    send_end.close()
    while wait([receive_end], TIMEOUT):
        try:
            data = receive_end.recv_bytes(maxlength=1024)
        except EOFError:
            break
        try:
            msg = json.loads(data)
        except ValueError:  # JSONDecodeError and UnicodeDecodeError are both ValueErrors
            print("parent: rejected a message that is not JSON", flush=True)
            continue
        print(f"parent: {msg}", flush=True)
    receive_end.close()
    p.join(timeout=TIMEOUT)
    print(f"child exit code {p.exitcode}", flush=True)


if __name__ == "__main__":
    main()
