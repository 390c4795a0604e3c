"""Measured: NumPy's BLAS threads inside several worker processes, and how to limit them.

Watch for: NumPy's matrix product runs on a BLAS library (OpenBLAS, MKL, Accelerate) that
starts its own threads, by default one per core. Run it in several worker processes and each
worker starts that many threads: workers x cores threads fight for the cores. The fix is one
BLAS thread per worker: ``threadpoolctl.threadpool_limits(1)`` in the pool's initializer, or
``OPENBLAS_NUM_THREADS=1`` (and ``OMP_NUM_THREADS``, ``MKL_NUM_THREADS``) in the environment
before the first worker starts (a spawned child imports NumPy afresh and reads them; a
forkserver child keeps the environment the fork server started with). How much the fight
costs depends on the machine: with 2 cores it may be small; with many cores and small
matrices it can be large. The script reports what it measures.
Prints a table, then one line ``json: {...}`` with every measurement for plotting.
"""

import argparse
import json
import multiprocessing as mp
import os
import statistics
import time

import numpy as np
from machine import describe_machine  # machine.py, beside this script
from threadpoolctl import threadpool_info, threadpool_limits

TIMEOUT = 60  # seconds
BLAS_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def one_blas_thread():
    """The initializer: this worker's BLAS uses one thread from now on."""
    global _limit
    _limit = threadpool_limits(limits=1, user_api="blas")  # kept, so nothing restores the limit


def products(n, seed):
    """CPU-bound NumPy work: ten n x n matrix products. Returns BLAS threads used and a number."""
    a = np.random.default_rng(seed).random((n, n))
    for _ in range(10):
        a = a @ a
        a /= np.abs(a).max()
    return max((p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"), default=0), float(a[0, 0])


def run_tasks(ctx, workers, tasks, n, repeats, initializer=None, env=None):
    saved = {k: os.environ.get(k) for k in BLAS_VARIABLES}
    os.environ.update(env or {})  # the workers inherit the environment at their start
    try:
        with ctx.Pool(workers, initializer=initializer) as pool:
            pool.starmap_async(products, [(8, 0)] * workers, chunksize=1).get(timeout=TIMEOUT)  # warm-up
            times = []
            for _ in range(repeats):
                t0 = time.perf_counter()
                out = pool.starmap_async(products, [(n, i) for i in range(tasks)], chunksize=1).get(timeout=TIMEOUT)
                times.append(time.perf_counter() - t0)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    return times, max(t for t, _ in out)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="fewer tasks, 3 repeats, pools only, no environment row: for the book and the tests",
    )
    return parser.parse_args()


def main():
    args = parse_args()
    ctx = mp.get_context(args.start_method)
    workers = os.cpu_count()
    n, tasks, repeats = (200, workers, 3) if args.quick else (400, 16 * workers, 7)
    blas = [p for p in threadpool_info() if p["user_api"] == "blas"]
    library = ", ".join(f"{p['internal_api']} {p['version']}" for p in blas) or "no BLAS found"
    results = {
        "machine": describe_machine(),
        "start_method": args.start_method,
        "workers": workers,
        "tasks": tasks,
        "n": n,
        "blas": library,
        "seconds": {},
        "blas_threads": {},
    }
    rows = {}
    if not args.quick:  # the same tasks one after another in this process, for comparison
        products(8, 0)  # warm-up
        serial = []
        for _ in range(repeats):
            t0 = time.perf_counter()
            threads = max(products(n, i)[0] for i in range(tasks))
            serial.append(time.perf_counter() - t0)
        rows["1 process, default BLAS threads"] = (serial, threads)
    rows |= {
        f"{workers} workers, default BLAS threads": run_tasks(ctx, workers, tasks, n, repeats),
        f"{workers} workers, threadpool_limits(1) in initializer": run_tasks(
            ctx, workers, tasks, n, repeats, initializer=one_blas_thread
        ),
    }
    if not args.quick:
        rows[f"{workers} workers, OPENBLAS_NUM_THREADS=1 etc."] = run_tasks(
            ctx, workers, tasks, n, repeats, env=dict.fromkeys(BLAS_VARIABLES, "1")
        )
    for label, (times, threads) in rows.items():
        results["seconds"][label] = times
        results["blas_threads"][label] = threads
    print(results["machine"])
    print(f"BLAS: {library}; {tasks} tasks of ten {n}x{n} products")
    print(f"{'how':<52}{'BLAS threads each':>18}{'median s':>10}{'min s':>8}{'max s':>8}")
    for label, times in results["seconds"].items():
        print(
            f"{label:<52}{results['blas_threads'][label]:>18}{statistics.median(times):>10.3f}"
            f"{min(times):>8.3f}{max(times):>8.3f}"
        )
    print("json:", json.dumps(results))


if __name__ == "__main__":
    main()
