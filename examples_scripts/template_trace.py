"""The template's run, traced: who did what, and when, for chapter 16's figure.

Watch for: this runs template.py's own main(), unchanged, under a start method. It only
listens: the log file records each worker's ``worker ready`` (its initializer) and every task
it finished, with the time and the process; in the parent, the pool's ``imap_unordered``
(tasks out) and each ``next(timeout=...)`` (a result back) note their times. Prints the
template's output, then one line ``json: {...}`` with those events, in milliseconds since
main() began. The times are this run's.
"""

import argparse
import json
import multiprocessing as mp
import multiprocessing.pool
import sys
import tempfile
import time
from pathlib import Path

import template  # template.py, beside this script

EVENTS = []  # (process, seconds since the epoch, what)
TRACE_FORMAT = "%(created).6f|%(processName)s|%(message)s"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


def listen():
    """Note, in the parent, when the pool starts, when tasks go out and when each result comes back."""
    run_pool, imap_unordered, next_result = (
        template.run_pool,
        multiprocessing.pool.Pool.imap_unordered,
        multiprocessing.pool.IMapIterator.next,
    )

    def traced_run_pool(*args, **kwargs):
        EVENTS.append(("parent", time.time(), "Pool(initializer)"))
        try:
            return run_pool(*args, **kwargs)
        finally:
            EVENTS.append(("parent", time.time(), "close, join"))

    def traced_imap_unordered(self, *args, **kwargs):
        EVENTS.append(("parent", time.time(), "tasks out"))
        return imap_unordered(self, *args, **kwargs)

    def traced_next(self, timeout=None):
        task, value, error = next_result(self, timeout)
        EVENTS.append(("parent", time.time(), f"result {task} back"))
        return task, value, error

    template.run_pool = traced_run_pool
    multiprocessing.pool.Pool.imap_unordered = traced_imap_unordered
    multiprocessing.pool.IMapIterator.next = traced_next


def main():
    method = parse_args().start_method
    listen()
    template.LOG_FORMAT = TRACE_FORMAT  # the log file's lines carry the exact time and the process
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "trace.log"
        sys.argv = ["template.py", "--start-method", method, "--seed", "42", "--log", str(log)]
        t0 = time.time()
        EVENTS.append(("parent", t0, "main()"))
        status = template.main()
        EVENTS.append(("parent", time.time(), f"exit status {status}"))
        records = [line.split("|", 2) for line in log.read_text(encoding="utf-8").splitlines() if "|" in line]
    for created, process, message in records:
        if message.startswith("worker ready") or (message.startswith("task ") and " done" in message):
            what = "initializer" if message.startswith("worker ready") else message.split(":")[0]
            EVENTS.append((process, float(created), what))
        elif message.startswith("start:"):
            EVENTS.append((process if process != "MainProcess" else "parent", float(created), "context, Manager"))
    events = sorted(((p, round((t - t0) * 1000, 1), what) for p, t, what in EVENTS), key=lambda e: e[1])
    print("json:", json.dumps({"start_method": method, "status": status, "events": events}), flush=True)
    return status


if __name__ == "__main__":
    mp.freeze_support()
    sys.exit(main())
