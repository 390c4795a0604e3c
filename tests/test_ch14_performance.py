"""Chapter 14: every benchmark runs in --quick mode and prints a sane table and json line.

No test checks an absolute time. Only orderings that hold with a wide margin (2x or more) on
any machine, loaded or not, are asserted.
"""
import json
import os
import platform
import re

import pytest

from examples_scripts.launch import run

from conftest import METHODS

BENCHMARKS = ["bench_heavy_imports.py", "bench_pool_reuse.py", "bench_chunksize.py", "bench_big_args.py",
              "bench_ipc.py", "bench_scaling.py", "bench_blas_threads.py", "bench_break_even.py"]


def measured(script):
    r = run(script, "--quick", echo=False, timeout=300)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    data = json.loads(r.stdout.rsplit("json: ", 1)[1])
    machine = data["machine"]
    assert "logical cores" in machine and "Python" in machine and "start methods" in machine
    assert data["start_method"] == "spawn"
    return data


def test_machine_py_names_everything_a_benchmark_depends_on():
    r = run("machine.py", echo=False, timeout=30)
    assert r.returncode == 0, r.stderr
    line = r.stdout.strip()
    assert f", {os.cpu_count()} logical cores, {platform.system()} " in line
    assert re.search(rf"Python {re.escape(platform.python_version())} \(\w+, (with GIL|free-threaded)\)", line)
    assert line.endswith(f"start methods {METHODS}")   # the child has not imported joblib's loky


def test_numpy_at_the_top_of_the_main_module_slows_every_spawned_child():
    data = measured("bench_heavy_imports.py")
    assert list(data["seconds"]) == ["(none)", "numpy"]
    assert all(len(t) == 5 and min(t) > 0 for t in data["seconds"].values())
    assert min(data["seconds"]["numpy"]) > 1.2 * min(data["seconds"]["(none)"])   # fastest runs: robust under load


def test_a_reused_pool_beats_a_process_per_task_for_hundreds_of_tasks():
    data = measured("bench_pool_reuse.py")
    w, tasks = data["workers"], data["tasks"]
    assert tasks == [1, 4, 16, 64, 256, 1024] and len(data["batch_of_processes"]) == 2
    per_task = min(data["batch_of_processes"]) * (256 // w)  # fastest runs: robust under load
    for kind in ("Pool", "ProcessPoolExecutor"):
        parts = data[kind]
        assert set(parts) == {"start", "stop", *map(str, tasks)}
        assert all(len(v) == 2 and min(v) > 0 for v in parts.values())
        pooled = min(parts["start"]) + min(parts["256"]) + min(parts["stop"])
        assert pooled < per_task / 2, (kind, pooled, per_task)


def test_chunksize_one_costs_far_more_per_item_than_the_pools_own_choice():
    data = measured("bench_chunksize.py")
    assert data["items"] == 1000 and data["pool_default"] == 125 and data["executor_default"] == 1
    sizes = data["chunksizes"]
    assert sizes == [1, 4, 16, 64, 125, 256]
    for label in ("Pool.map", "ProcessPoolExecutor.map"):
        cost = [min(t) for t in data["seconds"][label]]  # fastest runs: robust under load
        assert len(cost) == len(sizes) and min(cost) > 0
        assert cost[0] > 2 * cost[sizes.index(125)], (label, cost)


def test_a_large_argument_with_every_task_costs_more_than_once_per_worker():
    data = measured("bench_big_args.py")
    assert data["sizes_mb"] == [0.01, 0.1, 1] and data["tasks"] == 16 and len(data["pool_start"]) == 3
    every, once = data["seconds"]["with every task"], data["seconds"]["once per worker"]
    assert len(every) == len(once) == 3
    assert min(every[-1]) > 2 * min(once[-1])


def test_shared_memory_beats_a_queue_for_the_largest_payload():
    data = measured("bench_ipc.py")
    assert data["sizes"] == [2**10, 2**15, 2**20, 2**24]
    assert list(data["seconds"]) == ["copy in one process", "SharedMemory", "Pipe", "Queue", "Manager dict"]
    assert all(len(v) == 4 and all(len(t) == 3 and min(t) > 0 for t in v) for v in data["seconds"].values())
    t = {label: min(v[-1]) for label, v in data["seconds"].items()}
    assert t["Queue"] > 2 * t["SharedMemory"], t
    assert t["Queue"] > 2 * t["copy in one process"] and t["Manager dict"] > 2 * t["copy in one process"], t


def test_waiting_speeds_up_with_threads_and_processes_and_amdahl_is_fitted():
    data = measured("bench_scaling.py")
    cores, ks = data["cores"], data["workers"]
    assert cores == os.cpu_count() and ks == sorted({1, 2, cores, 2 * cores})
    assert set(data["seconds"]) == {"processes, CPU-bound", "threads, CPU-bound",
                                    "processes, sleeping", "threads, sleeping"}
    for label, runs in data["seconds"].items():
        assert len(runs) == len(ks) and all(len(t) == 3 and min(t) > 0 for t in runs)
        if "sleeping" in label:  # with the most workers: sleeping needs no core
            assert min(runs[0]) / min(runs[-1]) > 1.5, label  # fastest runs: robust under load
    s = data["amdahl_serial_fraction"]
    assert isinstance(s, float) and s == s


def test_threadpool_limits_in_the_initializer_gives_each_worker_one_blas_thread():
    data = measured("bench_blas_threads.py")
    labels = list(data["seconds"])
    workers = os.cpu_count()
    assert labels == [f"{workers} workers, default BLAS threads",
                      f"{workers} workers, threadpool_limits(1) in initializer"]
    if data["blas"] != "no BLAS found":  # threadpoolctl cannot see every BLAS (Apple's Accelerate)
        assert data["blas_threads"][labels[1]] == 1
        assert data["blas_threads"][labels[0]] >= 1
    assert all(len(t) == 3 and min(t) > 0 for t in data["seconds"].values())


def test_a_pool_loses_to_a_loop_for_the_shortest_tasks():
    data = measured("bench_break_even.py")
    assert data["durations"] == [1e-5, 1e-4, 1e-3, 1e-2] and data["tasks"] == 32
    serial, pooled = data["seconds"]["serial"], data["seconds"]["running pool"]
    assert len(serial) == len(pooled) == len(data["task_seconds"]) == 4
    assert min(pooled[0]) > 2 * min(serial[0])
    be = data["break_even_task_seconds"]
    assert be is None or 1e-6 < be < 1
    assert data["pool_start"] > 0 and data["pool_stop"] > 0


@pytest.mark.parametrize("script", BENCHMARKS)
def test_an_unavailable_start_method_gets_a_one_line_error(script):
    r = run(script, "--start-method", "nonsense", echo=False)
    assert r.returncode == 1
    assert r.stderr.strip() == (
        f"error: start method 'nonsense' is not available here; choose from {METHODS}")
