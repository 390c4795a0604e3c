"""Measured: a large argument pickled with every task, against sent once per worker (initializer).

Watch for: a task argument is pickled in the parent, sent through a pipe and unpickled in the
worker, every time. Time grows with its size times the number of tasks. Sent through the
pool's ``initializer``/``initargs``, it travels once per worker when the pool starts (under
spawn and forkserver; fork copies it for free), and the tasks carry only an index. For a small
argument the copies cost little next to the message itself. Tasks go one per message
(``chunksize=1``): in a bigger chunk pickle sends an object repeated in the chunk once per
chunk, which hides part of the cost.
Each size gets its own pool; its start (with the data) is timed as well as the maps.
Prints a table, then one line ``json: {...}`` with every measurement for plotting.
"""

import argparse
import json
import multiprocessing as mp
import statistics
import time

from machine import describe_machine  # machine.py, beside this script

WORKERS, TASKS = 2, 16
TIMEOUT = 60  # seconds
_data = None  # this worker's copy, set once by keep


def keep(data):  # the initializer: runs once in each worker
    global _data
    _data = data


def nbytes_with(data, i):  # the data travels with every task
    return len(data) + i


def nbytes_kept(i):  # the data is already in the worker
    return len(_data) + i


def time_maps(pool, data, repeats):
    out = {"with every task": [], "once per worker": []}
    for _ in range(repeats):
        t0 = time.perf_counter()
        pool.starmap_async(nbytes_with, [(data, i) for i in range(TASKS)], chunksize=1).get(timeout=TIMEOUT)
        out["with every task"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        got = pool.map_async(nbytes_kept, range(TASKS), chunksize=1).get(timeout=TIMEOUT)
        out["once per worker"].append(time.perf_counter() - t0)
        assert got == [len(data) + i for i in range(TASKS)]
    return out


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument("--quick", action="store_true", help="0.01 to 1 MB, 3 repeats: for the book and the tests")
    return parser.parse_args()


def main():
    args = parse_args()
    ctx = mp.get_context(args.start_method)
    sizes_mb = [0.01, 0.1, 1] if args.quick else [0.01, 0.1, 1, 10, 100]
    repeats = 3 if args.quick else 7
    results = {
        "machine": describe_machine(),
        "start_method": args.start_method,
        "workers": WORKERS,
        "tasks": TASKS,
        "sizes_mb": sizes_mb,
        "pool_start": [],
        "seconds": {},
    }
    print(results["machine"])
    print(f"{TASKS} tasks on {WORKERS} workers, one argument of the size shown")
    print(f"{'MB':>6}{'with every task':>17}{'once per worker':>17}{'pool start':>12}   (median ms of {repeats})")
    for mb in sizes_mb:
        data = bytes(int(mb * 2**20))
        t0 = time.perf_counter()
        with ctx.Pool(WORKERS, initializer=keep, initargs=(data,)) as pool:
            pool.map_async(nbytes_kept, range(WORKERS), chunksize=1).get(timeout=TIMEOUT)  # workers are up
            results["pool_start"].append(time.perf_counter() - t0)
            pool.map_async(nbytes_with, [(data, 0)] * WORKERS, chunksize=1)  # warm-up of the other path
            for label, times in time_maps(pool, data, repeats).items():
                results["seconds"].setdefault(label, []).append(times)
        row = [statistics.median(results["seconds"][label][-1]) * 1000 for label in results["seconds"]]
        print(f"{mb:>6}{row[0]:>17.1f}{row[1]:>17.1f}{results['pool_start'][-1] * 1000:>12.0f}", flush=True)
    print("json:", json.dumps(results))


if __name__ == "__main__":
    main()
