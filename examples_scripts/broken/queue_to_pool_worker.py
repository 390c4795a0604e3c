"""BROKEN ON PURPOSE: a multiprocessing.Queue passed to a Pool worker as a task argument.

Watch for: the task is never run. Pickling the task to send it to a worker fails with
"RuntimeError: Queue objects should only be shared between processes through inheritance",
and ``get()`` re-raises that error in the parent. A Queue can be handed to a child only
when the child is created (Process args, or a Pool initializer). The fixed version is
../queue_manager_for_pool.py.
"""

import argparse
import multiprocessing as mp


def record(q, x):
    q.put(x * x)


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
    with ctx.Pool(2) as pool:
        pool.apply_async(record, (q, 3)).get(timeout=10)


if __name__ == "__main__":
    main()
