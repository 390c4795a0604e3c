"""Which worker ran which task, and when: a pool's timeline under three ways of mapping.

Watch for: with ``chunksize=1`` each worker takes the next task whenever it is free; with
``chunksize=8`` the tasks go out in three blocks of 8 consecutive tasks, each run by one
worker, and the block of slow tasks 0-7 holds 480 ms of work against 160 ms for each of the
others. ``imap_unordered`` hands each result to the parent as soon as it is done, where
``map`` hands over nothing until the last task has finished. The times are this run's: the
summary lines and the plot show them, and other programs on the machine change them.
Prints a summary, then one line ``json: {...}`` with every task's worker and times for plotting.

Times come from ``time.time()``: its reference point (the Unix epoch) is the same in every
process on every OS. ``perf_counter()`` and ``monotonic()`` are finer, but Python documents
their reference point as undefined, so comparing them between processes is not guaranteed.
(On Windows before Python 3.13, ``time.time()`` ticks only every 15.6 ms.)
"""

import argparse
import json
import multiprocessing as mp
import os
import time

from machine import describe_machine  # machine.py, beside this script

POOL_SIZE = 3
SLOW, FAST = 0.06, 0.02  # seconds per task
DURATIONS = [SLOW] * 8 + [FAST] * 16  # tasks 0-7 slow, 8-23 fast
BIG_CHUNK = len(DURATIONS) // POOL_SIZE  # 8: one chunk per worker


def timed_task(job):
    """Sleep for the job's duration; report who ran it and when (seconds since the epoch)."""
    index, seconds = job
    start = time.time()
    time.sleep(seconds)
    return {"task": index, "pid": os.getpid(), "start": start, "end": time.time()}


def run_mode(pool, how, chunksize):
    jobs = list(enumerate(DURATIONS))
    t0 = time.time()
    if how == "map":
        records = pool.map_async(timed_task, jobs, chunksize=chunksize).get(timeout=30)
        received = time.time()
        for r in records:
            r["received"] = received
    else:
        records = []
        results = pool.imap_unordered(timed_task, jobs, chunksize=chunksize)
        for _ in jobs:
            r = results.next(timeout=30)  # a plain for loop would wait forever for a dead worker
            r["received"] = time.time()
            records.append(r)
    workers = {}  # pid -> W1, W2, ... in the order the workers first started a task
    for r in sorted(records, key=lambda r: r["start"]):
        workers.setdefault(r["pid"], f"W{len(workers) + 1}")
    return [
        {
            "task": r["task"],
            "worker": workers[r["pid"]],
            **{k: round(r[k] - t0, 4) for k in ("start", "end", "received")},
        }
        for r in sorted(records, key=lambda r: r["task"])
    ]


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
    method = parse_args().start_method
    modes = [
        ("map, chunksize=1", "map", 1),
        (f"map, chunksize={BIG_CHUNK}", "map", BIG_CHUNK),
        ("imap_unordered, chunksize=1", "imap_unordered", 1),
    ]
    data = {
        "machine": describe_machine(),
        "start_method": method,
        "pool_size": POOL_SIZE,
        "durations": DURATIONS,
        "modes": {},
    }
    with mp.get_context(method).Pool(POOL_SIZE) as pool:
        pool.map_async(time.sleep, [0.05] * POOL_SIZE, chunksize=1).get(timeout=30)  # warm-up: start the workers
        for label, how, chunksize in modes:
            data["modes"][label] = tasks = run_mode(pool, how, chunksize)
            last = max(t["end"] for t in tasks)
            first = min(t["received"] for t in tasks)
            print(f"{label:<28} all done after {last:.2f} s; first result in the parent after {first:.2f} s")
    print(
        f"{len(DURATIONS)} tasks ({SLOW * 1000:.0f} ms for tasks 0-7, {FAST * 1000:.0f} ms for the rest) "
        f"on {POOL_SIZE} workers, start method {method}; {data['machine']}"
    )
    print("json:", json.dumps(data))


if __name__ == "__main__":
    main()
