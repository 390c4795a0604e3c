"""A one-way ``Pipe(duplex=False)``: the child sends, the parent reads until EOFError.

Watch for: ``Pipe(duplex=False)`` returns ``(receive_end, send_end)``, in that order. The
child gets the send end; reading from it raises "OSError: connection is write-only". The
parent never learns how many results will come: it closes its own copy of the send end, reads
until ``recv()`` raises EOFError (the child has exited and nothing is left), and stops.
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


def producer(send_end):
    try:
        send_end.recv()
    except OSError as exc:
        print(f"child: recv() on the send end: OSError: {exc}", flush=True)
    for n in range(3):
        send_end.send((n, n * n))
    # returning closes the child's copy of send_end


def main():
    ctx = mp.get_context(parse_args().start_method)
    receive_end, send_end = ctx.Pipe(duplex=False)
    p = ctx.Process(target=producer, args=(send_end,))
    p.start()
    send_end.close()  # only the child's copy is left; when the child exits, we get EOFError
    results = []
    while wait([receive_end], TIMEOUT):  # ready: a message, or the end of the pipe
        try:
            results.append(receive_end.recv())
        except EOFError:
            print("parent: EOFError: the child has exited and nothing is left", flush=True)
            break
    else:
        print(f"parent: still waiting after {TIMEOUT} s", flush=True)
    receive_end.close()
    p.join(timeout=TIMEOUT)
    print(f"parent: received {results}", flush=True)
    print(f"child exit code {p.exitcode}", flush=True)


if __name__ == "__main__":
    main()
