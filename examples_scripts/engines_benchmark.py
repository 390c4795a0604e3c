"""Time one batch of CPU-bound calls on one process, a multiprocessing Pool and joblib (loky).

Watch for: the pool and joblib's workers cost a start-up once, then share the batch between
them. ``--start-method`` applies to the Pool only: joblib's loky backend starts its workers
its own way (a fresh interpreter, as spawn does). Prints a table, then one line
``json: {...}`` for plotting; dask_local.py and dask_by_address.py time the same batch.
"""

import argparse
import json
import multiprocessing as mp
import statistics
import time

from cpu_work import burn
from joblib import Parallel, delayed
from joblib.externals.loky import get_reusable_executor
from machine import describe_machine  # machine.py, beside this script

TASKS, WORKERS, TIMEOUT = 16, 2, 60


# joblib adds its own "loky" contexts to multiprocessing's list: offer only the standard ones
STANDARD_METHODS = [m for m in mp.get_all_start_methods() if m in ("fork", "spawn", "forkserver")]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=STANDARD_METHODS,
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument("--quick", action="store_true", help="2 repeats: for the book build and the tests")
    return parser.parse_args()


def timed(batch, repeats):
    batch()  # warm-up
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        assert batch() == EXPECTED
        times.append(time.perf_counter() - t0)
    return times


def one_process(repeats):
    return 0.0, timed(lambda: [burn(i) for i in range(TASKS)], repeats)


def with_pool(ctx, repeats):
    t0 = time.perf_counter()
    with ctx.Pool(WORKERS) as pool:
        pool.map_async(burn, [0] * WORKERS, chunksize=1).get(timeout=TIMEOUT)  # workers are up
        start = time.perf_counter() - t0
        times = timed(lambda: pool.map_async(burn, range(TASKS)).get(timeout=TIMEOUT), repeats)
    return start, times


def with_joblib(repeats):
    t0 = time.perf_counter()
    with Parallel(n_jobs=WORKERS, timeout=TIMEOUT) as parallel:  # backend="loky" is the default
        parallel(delayed(burn)(0) for _ in range(WORKERS))
        start = time.perf_counter() - t0
        times = timed(lambda: parallel(delayed(burn)(i) for i in range(TASKS)), repeats)
    get_reusable_executor().shutdown(wait=True)  # joblib keeps its workers for the next call
    return start, times


def main():
    global EXPECTED
    args = parse_args()
    repeats = 2 if args.quick else 10
    EXPECTED = [burn(i) for i in range(TASKS)]
    results = {"machine": describe_machine(), "tasks": TASKS, "workers": WORKERS, "start": {}, "seconds": {}}
    runs = [
        ("one process", one_process),
        (f"Pool ({args.start_method})", lambda r: with_pool(mp.get_context(args.start_method), r)),
        ("joblib (loky)", with_joblib),
    ]
    print(results["machine"])
    print(f"{TASKS} calls of burn(), {WORKERS} workers, {repeats} timed batches each")
    print(f"{'engine':<18}{'start-up s':>11}{'batch median s':>16}")
    for label, how in runs:
        start, times = how(repeats)
        results["start"][label], results["seconds"][label] = start, times
        print(f"{label:<18}{start:>11.2f}{statistics.median(times):>16.3f}", flush=True)
    print("json:", json.dumps(results))


if __name__ == "__main__":
    main()
