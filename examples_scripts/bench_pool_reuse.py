"""Measured: many small tasks as a process each, against one reused Pool or ProcessPoolExecutor.

Watch for: a process per task pays a whole process start for every task (under spawn, a fresh
interpreter that re-imports this file). A pool pays for its workers once, then each task costs
only a message there and back. The script times the parts: a batch of processes started and
joined together; a pool's start (until its workers answer) and its shutdown; and ``map`` of
1 to 1024 tasks on the running pool. The total for n tasks is start + map(n) + shutdown for a
pool, and n / workers batches for a process per task.
Prints a table, then one line ``json: {...}`` with every measurement for plotting.
"""

import argparse
import json
import multiprocessing as mp
import statistics
import time
from concurrent.futures import ProcessPoolExecutor

from machine import describe_machine  # machine.py, beside this script

WORKERS = 2
TIMEOUT = 60  # seconds


def square(x):
    return x * x


def process_batch(ctx):
    """WORKERS processes, one task each, started together and joined."""
    t0 = time.perf_counter()
    batch = [ctx.Process(target=square, args=(i,)) for i in range(WORKERS)]
    for p in batch:
        p.start()
    for p in batch:
        p.join(timeout=TIMEOUT)
    return time.perf_counter() - t0


def pool_parts(ctx, tasks):
    t0 = time.perf_counter()
    pool = ctx.Pool(WORKERS)
    pool.map_async(square, range(WORKERS), chunksize=1).get(timeout=TIMEOUT)  # the workers are up
    parts = {"start": time.perf_counter() - t0}
    for n in tasks:
        t0 = time.perf_counter()
        assert pool.map_async(square, range(n)).get(timeout=TIMEOUT)[-1] == (n - 1) ** 2
        parts[n] = time.perf_counter() - t0
    t0 = time.perf_counter()
    pool.close()
    pool.join()
    parts["stop"] = time.perf_counter() - t0
    return parts


def executor_parts(ctx, tasks):
    t0 = time.perf_counter()
    ex = ProcessPoolExecutor(WORKERS, mp_context=ctx)
    list(ex.map(square, range(WORKERS), timeout=TIMEOUT))  # the workers are up
    parts = {"start": time.perf_counter() - t0}
    for n in tasks:
        t0 = time.perf_counter()
        assert list(ex.map(square, range(n), timeout=TIMEOUT))[-1] == (n - 1) ** 2
        parts[n] = time.perf_counter() - t0
    t0 = time.perf_counter()
    ex.shutdown(wait=True)
    parts["stop"] = time.perf_counter() - t0
    return parts


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument("--quick", action="store_true", help="2 repeats: for the book and the tests")
    return parser.parse_args()


def main():
    args = parse_args()
    ctx = mp.get_context(args.start_method)
    tasks = [1, 4, 16, 64, 256, 1024]
    repeats = 2 if args.quick else 7
    process_batch(ctx)  # warm-up: disk caches, and forkserver's server
    batches = [process_batch(ctx) for _ in range(repeats)]
    pools = [pool_parts(ctx, tasks) for _ in range(repeats)]
    executors = [executor_parts(ctx, tasks) for _ in range(repeats)]
    results = {
        "machine": describe_machine(),
        "start_method": args.start_method,
        "workers": WORKERS,
        "tasks": tasks,
        "batch_of_processes": batches,
        "Pool": {str(k): [p[k] for p in pools] for k in ["start", "stop", *tasks]},
        "ProcessPoolExecutor": {str(k): [p[k] for p in executors] for k in ["start", "stop", *tasks]},
    }
    med = statistics.median
    print(results["machine"])
    print(
        f"start and join {WORKERS} processes: {med(batches) * 1000:.0f} ms; "
        f"start a Pool: {med(results['Pool']['start']) * 1000:.0f} ms, "
        f"stop it: {med(results['Pool']['stop']) * 1000:.0f} ms; "
        f"an executor: {med(results['ProcessPoolExecutor']['start']) * 1000:.0f} ms"
        f" and {med(results['ProcessPoolExecutor']['stop']) * 1000:.0f} ms"
    )
    print(
        f"{'tasks':>6}{'a process per task':>20}{'one Pool':>10}{'one executor':>14}"
        f"   (total s, median of {repeats}; map alone in brackets)"
    )
    for n in tasks:
        cells = [med(batches) * -(-n // WORKERS)]
        for kind in ("Pool", "ProcessPoolExecutor"):
            d = {k: med(v) for k, v in results[kind].items()}
            cells.append(d["start"] + d[str(n)] + d["stop"])
        print(
            f"{n:>6}{cells[0]:>20.2f}{cells[1]:>10.2f}{cells[2]:>14.2f}"
            f"   ({med(results['Pool'][str(n)]) * 1000:.1f} ms, "
            f"{med(results['ProcessPoolExecutor'][str(n)]) * 1000:.1f} ms)",
            flush=True,
        )
    print("json:", json.dumps(results))


if __name__ == "__main__":
    main()
