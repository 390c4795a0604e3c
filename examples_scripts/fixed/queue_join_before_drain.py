"""The fix for the join-before-drain deadlock: get the child's items first, then join.

Watch for: the same 4 MiB item as in broken/queue_join_before_drain.py arrives at once,
and ``join()`` returns as soon as the child's feeder thread has written it.
"""
import argparse
import multiprocessing as mp
import sys

SIZE = 4 * 1024 * 1024  # 4 MiB
TIMEOUT = 10  # seconds


def child(q):
    q.put(b"x" * SIZE)


def parse_args():
    methods = mp.get_all_start_methods()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start-method", default="spawn", help=f"one of {methods} (default: spawn)")
    args = parser.parse_args()
    if args.start_method not in methods:
        sys.exit(f"error: start method {args.start_method!r} is not available here; choose from {methods}")
    return args


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
