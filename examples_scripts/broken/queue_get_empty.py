"""BROKEN ON PURPOSE: the producer dies before it puts anything, and the parent's get() times out.

Watch for: the child raises before ``q.put()``; its traceback goes to its own stderr and its
exit code is 1. The parent's ``q.get(timeout=1)`` then raises the standard library's
``queue.Empty``, which a traceback names "_queue.Empty" and prints with no message. Without
the timeout the parent would wait forever. The fix: catch ``queue.Empty`` (import queue),
then check the producer's exit code, as ../queue_producer_consumer.py bounds its waits.
"""

import argparse
import multiprocessing as mp


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


def produce(q):
    raise ValueError("the producer failed before its first put()")


def main():
    ctx = mp.get_context(parse_args().start_method)
    q = ctx.Queue()
    child = ctx.Process(target=produce, args=(q,), name="producer")
    child.start()
    child.join(timeout=20)
    print(f"parent: producer exit code {child.exitcode}; waiting 1 s for an item", flush=True)
    q.get(timeout=1)  # raises queue.Empty: nothing will ever come


if __name__ == "__main__":
    main()
