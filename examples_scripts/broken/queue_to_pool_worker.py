"""BROKEN ON PURPOSE: a multiprocessing.Queue passed to a Pool worker as a task argument.

Watch for: the task is never run. Pickling the task to send it to a worker fails with
"RuntimeError: Queue objects should only be shared between processes through inheritance",
and ``get()`` re-raises that error in the parent. A Queue can be handed to a child only
when the child is created (Process args, or a Pool initializer). The fixed version is
../queue_manager_for_pool.py.
"""
import argparse
import multiprocessing as mp
import sys


def record(q, x):
    q.put(x * x)


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
    with ctx.Pool(2) as pool:
        pool.apply_async(record, (q, 3)).get(timeout=10)


if __name__ == "__main__":
    main()
