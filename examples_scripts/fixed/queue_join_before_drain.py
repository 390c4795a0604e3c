"""The fix for the join-before-drain deadlock: get the child's items first, then join.

Watch for: the same 4 MiB item as in broken/queue_join_before_drain.py arrives at once,
and ``join()`` returns as soon as the child's feeder thread has written it.
"""

import argparse
import multiprocessing as mp

SIZE = 4 * 1024 * 1024  # 4 MiB
TIMEOUT = 10  # seconds


def child(q):
    q.put(b"x" * SIZE)


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
    q = ctx.Queue()
    p = ctx.Process(target=child, args=(q,))
    p.start()
    data = q.get(timeout=TIMEOUT)  # drain first...
    p.join(timeout=TIMEOUT)  # ...then join
    print(f"got {len(data)} bytes; is_alive() = {p.is_alive()}, exitcode = {p.exitcode}", flush=True)


if __name__ == "__main__":
    main()
