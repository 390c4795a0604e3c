"""BROKEN ON PURPOSE: a Pool created at module level, with no ``if __name__ == "__main__":``.

Watch for: under spawn every worker re-imports this file, tries to create a pool of its own,
and dies of the bootstrapping RuntimeError before taking a task. The pool starts a new worker
for each one that dies, so stderr fills with the same traceback, and ``map`` would wait
forever. Here the wait is bounded: ``get(timeout=...)`` gives up, and leaving the ``with``
block terminates the pool. Before that, the script makes sure the churn has happened: it
counts the workers the pool starts (multiprocessing logs "added worker" for each) and waits
until the pool has replaced two dead ones, however slow the machine; then it prints how many
it started, how many died, and how long that took. Under fork it works.
The fixed version is ../fixed/no_main_guard.py.
"""

import argparse
import logging
import multiprocessing as mp
import sys
import threading
import time

WAIT = 3  # seconds: long enough for a healthy pool, here only long enough to see the churn
PLACES = 2  # the pool's size


def square(x):
    return x * x


class WorkerStarts(logging.Handler):
    """Counts multiprocessing's log records "added worker", one for each worker a pool starts, and
    "cleaning up worker N", one for each dead worker the pool removes before it adds another."""

    def __init__(self, enough):
        super().__init__()
        self.count, self.died, self.enough, self.reached = 0, 0, enough, threading.Event()

    def emit(self, record):
        message = record.getMessage()
        if message.startswith("cleaning up worker"):
            self.died += 1
        elif message == "added worker":
            self.count += 1
            if self.count >= self.enough:
                self.reached.set()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


method = parse_args().start_method
print(f"module level: __name__ = {__name__!r}, creating a pool with {method}", flush=True)
starts = WorkerStarts(enough=PLACES + 2)  # the first two workers, and two replacements
mp.get_logger().addHandler(starts)
mp.get_logger().setLevel(logging.DEBUG)
began = time.monotonic()
with mp.get_context(method).Pool(PLACES) as pool:
    try:
        print(f"squares: {pool.map_async(square, range(5)).get(timeout=WAIT)}", flush=True)
    except mp.TimeoutError:
        print(f"no result after {WAIT} s: the workers keep dying and the pool keeps replacing them")
        starts.reached.wait(timeout=30)  # a slow machine may not have replaced two yet
        started, died = starts.count, starts.died  # in this order: a worker dies before its replacement starts
        print(f"the pool has started {started} workers for its {PLACES} places", flush=True)
        print(f"{died} of them died and were replaced, in {time.monotonic() - began:.1f} s", flush=True)
        sys.exit(1)
