"""BROKEN ON PURPOSE: three consumers, but only one sentinel.

Watch for: every item is processed, yet only one consumer gets a ``None``; the other two
block in ``tasks.get()`` forever. Here the parent waits until the consumer that took the
sentinel has exited, then gives every consumer ``join(timeout=WAIT)``. Two are still alive,
every time, since nothing will ever wake them: the parent reports them and terminates them.
The fixed version is ../queue_producer_consumer.py (one sentinel per consumer).
"""

import argparse
import multiprocessing as mp
import sys
from multiprocessing.connection import wait

N_CONSUMERS = 3
N_ITEMS = 9
WAIT = 1  # seconds the parent gives each consumer to finish
TIMEOUT = 10  # seconds: a bound we never expect to reach


def consumer(tasks, results):
    while True:
        item = tasks.get()  # the bug this demo is about: nothing will ever wake it up
        if item is None:
            break
        results.put(item * item)


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
    tasks, results = ctx.Queue(), ctx.Queue()
    consumers = [ctx.Process(target=consumer, args=(tasks, results), name=f"consumer-{i}") for i in range(N_CONSUMERS)]
    for c in consumers:
        c.start()
    for item in range(N_ITEMS):
        tasks.put(item)
    tasks.put(None)  # the mistake: one sentinel for three consumers
    squares = sorted(results.get(timeout=TIMEOUT) for _ in range(N_ITEMS))
    print("results:", squares, flush=True)
    wait([c.sentinel for c in consumers], timeout=TIMEOUT)  # until the one that took the sentinel has exited
    for c in consumers:
        c.join(timeout=WAIT)  # the others never will
    stuck = [c for c in consumers if c.is_alive()]
    print(
        f"still alive after {WAIT} s: {len(stuck)} of {N_CONSUMERS} consumers "
        f"({', '.join(c.name for c in stuck)}), waiting for a sentinel that never comes",
        flush=True,
    )
    for c in stuck:
        c.terminate()
        c.join(timeout=TIMEOUT)
    print("terminated them; exit codes:", [c.exitcode for c in consumers], flush=True)
    sys.exit(1 if stuck else 0)


if __name__ == "__main__":
    main()
