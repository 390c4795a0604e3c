"""Measured: speedup against the number of workers, processes against threads, CPU against I/O.

Watch for: a fixed amount of pure-Python arithmetic is cut into k equal tasks and run on k
processes, then on k threads; the same for waiting (``time.sleep``, standing in for I/O).
On an idle machine, processes speed the arithmetic up until the cores run out. With the GIL,
threads cannot speed it up: it lets one thread run Python code at a time (a free-threaded
build differs). For waiting, threads and processes can help alike, and threads cost less to
start. Amdahl's law, ``speedup = 1 / (s + (1 - s) / k)``, is fitted to the process runs with k
up to the core count, by least squares on ``1 / speedup``; ``s`` is the serial fraction it finds.
The pools are started before timing (and warmed up): only the work is timed.
Prints a table, then one line ``json: {...}`` with every measurement for plotting.
"""

import argparse
import json
import multiprocessing as mp
import os
import statistics
import time
from concurrent.futures import ThreadPoolExecutor

from machine import describe_machine  # machine.py, beside this script

TIMEOUT = 60  # seconds


def spin(n):
    """CPU-bound: n steps of pure-Python arithmetic."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def wait(seconds):
    """I/O-bound stand-in: the process or thread sleeps, the core is free."""
    time.sleep(seconds)
    return seconds


def amdahl_serial_fraction(workers, speedups):
    """Least squares on 1/S - 1/k = s * (1 - 1/k). numpy is imported here, not at the top:
    a spawned worker re-imports this file, and it does not need numpy (see the first figure)."""
    import numpy as np

    k = np.asarray(workers, dtype=float)
    x, y = 1 - 1 / k, 1 / np.asarray(speedups) - 1 / k
    return float(np.linalg.lstsq(x[:, None], y, rcond=None)[0][0])


def time_split(pool_map, fn, total, k, repeats):
    """Time fn over k equal parts of total, on a pool of at least k workers (one part each)."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        list(pool_map(fn, [total / k if fn is wait else total // k] * k))
        times.append(time.perf_counter() - t0)
    return times


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
        help="less work, 1, 2, cores and twice the cores workers, 3 repeats: for the book and the tests",
    )
    return parser.parse_args()


def main():
    args = parse_args()
    ctx = mp.get_context(args.start_method)
    cores = os.cpu_count()
    workers = list(range(1, 2 * cores + 1))  # up to twice the cores, to see the ceiling
    if args.quick:
        workers = sorted({1, 2, cores, 2 * cores})
    steps, sleep = (1_000_000, 0.1) if args.quick else (10_000_000, 1.0)
    repeats = 3 if args.quick else 7
    results = {
        "machine": describe_machine(),
        "start_method": args.start_method,
        "cores": cores,
        "workers": workers,
        "cpu_steps": steps,
        "sleep_seconds": sleep,
        "seconds": {},
    }
    with ctx.Pool(max(workers)) as pool, ThreadPoolExecutor(max(workers)) as threads:

        def pmap(fn, parts):
            return pool.map_async(fn, parts, chunksize=1).get(timeout=TIMEOUT)

        def tmap(fn, parts):
            return threads.map(fn, parts, timeout=TIMEOUT)

        pmap(spin, [1000] * max(workers))  # warm-up: every worker is up and has run a task
        for label, pool_map, fn in [
            ("processes, CPU-bound", pmap, spin),
            ("threads, CPU-bound", tmap, spin),
            ("processes, sleeping", pmap, wait),
            ("threads, sleeping", tmap, wait),
        ]:
            total = steps if fn is spin else sleep
            runs = [[] for _ in workers]
            for _ in range(repeats):  # take turns, so that a busy moment hits every worker count alike
                for times, k in zip(runs, workers):
                    times += time_split(pool_map, fn, total, k, 1)
            results["seconds"][label] = runs
    med = {label: [statistics.median(t) for t in runs] for label, runs in results["seconds"].items()}
    speedup = {label: [m[0] / x for x in m] for label, m in med.items()}
    upto = [k for k in workers if k <= cores]
    results["amdahl_serial_fraction"] = amdahl_serial_fraction(upto, speedup["processes, CPU-bound"][: len(upto)])
    print(results["machine"])
    print(f"{'workers':>8}" + "".join(f"{label:>22}" for label in med) + "   (speedup over 1 worker, median)")
    for i, k in enumerate(workers):
        print(f"{k:>8}" + "".join(f"{speedup[label][i]:>22.2f}" for label in med))
    s = results["amdahl_serial_fraction"]
    limit = f"at most {1 / s:.1f}x with any number of cores" if 0 < s < 1 else "no limit the fit can tell"
    print(f"Amdahl fit to processes, CPU-bound, 1 to {cores} workers: serial fraction s = {s:.3f}: {limit}")
    print("json:", json.dumps(results))


if __name__ == "__main__":
    main()
