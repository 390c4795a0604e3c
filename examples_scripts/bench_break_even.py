"""Measured: how long a task must run before a pool pays for itself.

Watch for: ``spin(n)`` is pure arithmetic, with n calibrated so that a task lasts about d
seconds here (on a busy machine tasks then last shorter or longer, so the table shows how
long they really took). The same tasks run one after another in this process, then with
``Pool.map`` on a pool that is already running; the pool's start and stop are timed apart.
For short tasks, sending each chunk to a worker and the result back can cost more than the
work itself; for longer ones the pool can win, at most by the number of free cores.
A new pool pays off only when the work saved covers its start-up as well: with speedup S and
start-up plus shutdown P, the serial work must exceed P / (1 - 1/S).
Prints a table, then one line ``json: {...}`` with every measurement for plotting.
"""

import argparse
import json
import math
import multiprocessing as mp
import statistics
import time

from machine import describe_machine  # machine.py, beside this script

WORKERS = 2
TIMEOUT = 60  # seconds


def spin(n):
    """CPU-bound: n steps of pure-Python arithmetic."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def steps_per_second():
    """Calibrate spin(): the best of a few short runs."""
    best = min(timed(spin, 100_000) for _ in range(5))
    return 100_000 / best


def timed(fn, arg):
    t0 = time.perf_counter()
    fn(arg)
    return time.perf_counter() - t0


def crossing(durations, serial, pooled):
    """The task length where the pool's time meets the serial time (log-linear interpolation)."""
    ratio = [math.log(p / s) for s, p in zip(serial, pooled)]
    for i in range(len(ratio) - 1):
        if ratio[i] > 0 >= ratio[i + 1]:
            f = ratio[i] / (ratio[i] - ratio[i + 1])
            return math.exp(math.log(durations[i]) + f * (math.log(durations[i + 1]) - math.log(durations[i])))
    return None  # no crossing inside the measured range


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="10 µs to 10 ms tasks, 3 repeats: for the book and the tests"
    )
    return parser.parse_args()


def main():
    args = parse_args()
    ctx = mp.get_context(args.start_method)
    durations = [1e-5, 1e-4, 1e-3, 1e-2] if args.quick else [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1]
    tasks, repeats = (32, 3) if args.quick else (64, 7)
    results = {
        "machine": describe_machine(),
        "start_method": args.start_method,
        "workers": WORKERS,
        "tasks": tasks,
        "durations": durations,
        "seconds": {"serial": [], "running pool": []},
    }
    t0 = time.perf_counter()
    pool = ctx.Pool(WORKERS)
    try:
        pool.map_async(spin, [0] * WORKERS, chunksize=1).get(timeout=TIMEOUT)  # the workers are up
        results["pool_start"] = time.perf_counter() - t0
        rate = steps_per_second()
        results["steps_per_second"] = rate
        for d in durations:
            steps = max(1, round(d * rate))
            serial, pooled = [], []
            for _ in range(repeats):
                t0 = time.perf_counter()
                list(map(spin, [steps] * tasks))
                serial.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                pool.map_async(spin, [steps] * tasks).get(timeout=TIMEOUT)
                pooled.append(time.perf_counter() - t0)
            results["seconds"]["serial"].append(serial)
            results["seconds"]["running pool"].append(pooled)
    finally:
        t0 = time.perf_counter()
        pool.close()
        pool.join()
        results["pool_stop"] = time.perf_counter() - t0
    med = {k: [statistics.median(t) for t in v] for k, v in results["seconds"].items()}
    per_task = [t / tasks for t in med["serial"]]  # what a task really lasted here, serially
    results["task_seconds"] = per_task
    results["break_even_task_seconds"] = crossing(per_task, med["serial"], med["running pool"])
    best = med["serial"][-1] / med["running pool"][-1]
    overhead = results["pool_start"] + results["pool_stop"]
    results["new_pool_break_even_work_seconds"] = overhead / (1 - 1 / best) if best > 1 else None
    print(results["machine"])
    print(
        f"{tasks} tasks; a pool of {WORKERS} takes {results['pool_start'] * 1000:.0f} ms to start "
        f"and {results['pool_stop'] * 1000:.0f} ms to stop"
    )
    print(
        f"{'aimed ms':>9}{'task ms':>9}{'serial ms':>11}{'running pool ms':>17}{'speedup':>9}   (median of {repeats})"
    )
    for d, t, s, p in zip(durations, per_task, med["serial"], med["running pool"]):
        print(f"{d * 1000:>9.3f}{t * 1000:>9.3f}{s * 1000:>11.2f}{p * 1000:>17.2f}{s / p:>9.2f}")
    be = results["break_even_task_seconds"]
    print(
        "a running pool pays off for tasks longer than "
        + (f"about {be * 1000:.2f} ms" if be else "(no crossing in the measured range)")
    )
    work = results["new_pool_break_even_work_seconds"]
    print(
        "a new pool pays off when the serial work exceeds "
        + (f"about {work:.2f} s (with speedup {best:.2f})" if work else f"(never here: speedup {best:.2f})")
    )
    print("json:", json.dumps(results))


if __name__ == "__main__":
    main()
