"""What one ``d[k] = v`` costs on a manager dict, against a local dict and a Queue.put.

Watch for: a proxy call is a round trip. The proxy pickles the method name and arguments,
sends them to the manager's server process, and waits until the server has run the method
and sent back the result. A local dict assignment never leaves the process; a
``multiprocessing.Queue.put`` only hands the object to a feeder thread and returns; the
manager dict waits for a reply from another process every time. The numbers are this
machine's, on this run: compare them, don't quote them.
Prints a table, then one line ``json: {...}`` with every measurement for plotting.
"""

import argparse
import json
import multiprocessing as mp
import statistics
import time

from machine import describe_machine  # machine.py, beside this script

TIMEOUT = 10  # seconds


def per_op(operation, ops):
    t0 = time.perf_counter()
    for i in range(ops):
        operation(i)
    return (time.perf_counter() - t0) / ops


def measure(operation, ops, repeats, after=None):
    per_op(operation, ops)  # warm-up: connections, caches, the Queue's feeder thread
    if after:
        after(ops)
    times = []
    for _ in range(repeats):
        times.append(per_op(operation, ops))
        if after:
            after(ops)
    return times


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument("--repeats", type=int, default=20, help="timed batches per operation (default 20)")
    parser.add_argument("--quick", action="store_true", help="5 repeats: for the book build and the tests")
    return parser.parse_args()


def main():
    args = parse_args()
    repeats = 5 if args.quick else args.repeats
    ctx = mp.get_context(args.start_method)
    results = {"machine": describe_machine(), "seconds_per_op": {}}
    print(results["machine"])
    print(f"{'operation':<24}{'median us':>10}{'min us':>9}{'max us':>9}{'ops':>7}   ({repeats} batches each)")
    with ctx.Manager() as manager:
        local, shared, queue = {}, manager.dict(), ctx.Queue()

        def local_set(i):
            local[i % 100] = i

        def manager_set(i):
            shared[i % 100] = i

        def drain(ops):  # not timed: keeps the pipe from filling up
            for _ in range(ops):
                queue.get(timeout=TIMEOUT)

        runs = [
            ("local dict d[k] = v", local_set, 20000, None),
            ("Queue.put(v)", queue.put, 1000, drain),
            ("manager dict d[k] = v", manager_set, 200, None),
        ]
        for label, operation, ops, after in runs:
            times = measure(operation, ops, repeats, after)
            results["seconds_per_op"][label] = times
            us = [t * 1e6 for t in times]
            print(f"{label:<24}{statistics.median(us):>10.3f}{min(us):>9.3f}{max(us):>9.3f}{ops:>7}", flush=True)
        queue.close()
        queue.join_thread()
    print("json:", json.dumps(results))


if __name__ == "__main__":
    main()
