"""Run the CPU-bound function on Dask: a LocalCluster of 2 worker processes on this machine.

Watch for: ``Client`` is the only Dask object the work code touches. ``map``/``gather`` and
``submit``/``as_completed`` look like concurrent.futures; the tasks run in the worker
processes, never in this one; a task that raises re-raises its exception in the client, with
the worker's traceback attached. LocalCluster starts its workers with multiprocessing
(spawn, unless ``--start-method`` says otherwise), so the main guard is needed here too.
The "nannies" that watch the workers and restart one that dies are objects in this process.
Prints one line ``json: {...}`` with the timings (same batch as engines_benchmark.py).
"""

import argparse
import json
import multiprocessing as mp
import os
import time
import traceback
from collections import Counter
from importlib.util import find_spec

import dask
from cpu_work import burn, burn_and_pid, check_positive
from dask.distributed import Client, LocalCluster, as_completed, wait
from engines_benchmark import TASKS, TIMEOUT, WORKERS, describe_machine

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
    parser.add_argument("--quick", action="store_true", help="2 timed batches: for the book build and the tests")
    return parser.parse_args()


def use_cluster(client, repeats):
    """The work, written once: it runs unchanged on any cluster the client points at."""
    print(f"workers: {len(client.scheduler_info()['workers'])}", flush=True)

    futures = client.map(burn, range(TASKS))  # one future per call, like Executor.submit
    wait(futures, timeout=TIMEOUT)
    results = client.gather(futures)
    print(f"map + gather: {len(results)} results, first 4 {results[:4]}", flush=True)

    pids = Counter()
    jobs = [client.submit(burn_and_pid, i, pure=False) for i in range(8)]
    for future in as_completed(jobs, timeout=TIMEOUT):  # in the order they finish
        pids[future.result()[1]] += 1
    print(
        f"submit + as_completed: 8 tasks ran in {len(pids)} worker process(es); in this process: {os.getpid() in pids}",
        flush=True,
    )

    bad = client.submit(check_positive, -1)
    try:
        bad.result(timeout=TIMEOUT)
    except ValueError as exc:
        print(f"the client caught: {exc!r}")
        print("the worker's traceback, sent back with it:")
        print("".join(traceback.format_tb(bad.traceback())).rstrip(), flush=True)

    times = []
    for _ in range(repeats + 1):  # the first batch is a warm-up
        t0 = time.perf_counter()
        batch = client.map(burn, range(TASKS), pure=False)
        wait(batch, timeout=TIMEOUT)
        assert client.gather(batch) == results
        times.append(time.perf_counter() - t0)
    return times[1:]


def main():
    args = parse_args()
    repeats = 2 if args.quick else 10
    dask.config.set({"distributed.worker.multiprocessing-method": args.start_method})
    has_bokeh = find_spec("bokeh") is not None
    t0 = time.perf_counter()
    with (
        LocalCluster(
            n_workers=WORKERS,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0" if has_bokeh else None,
            timeout=TIMEOUT,
        ) as cluster,
        Client(cluster, timeout=TIMEOUT) as client,
    ):
        client.wait_for_workers(WORKERS, timeout=TIMEOUT)  # both registered with the scheduler
        start = time.perf_counter() - t0
        print(f"scheduler at {cluster.scheduler_address}; started in {start:.1f} s", flush=True)
        if has_bokeh:
            print(f"dashboard: {client.dashboard_link}")
        else:
            print("dashboard: off (it needs bokeh: pip install bokeh)")
        nannies = {type(n).__name__ for n in cluster.workers.values()}
        print(f"each worker process is watched by a {nannies.pop()} object in this process", flush=True)
        times = use_cluster(client, repeats)
    print(
        "json:",
        json.dumps({"machine": describe_machine(), "engine": "Dask LocalCluster", "start": start, "seconds": times}),
    )


if __name__ == "__main__":
    main()
