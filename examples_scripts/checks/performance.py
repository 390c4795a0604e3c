"""Chapter 14 (notebooks/14_performance.ipynb): what each run of its benchmarks must show.

The chapter's hidden check cells and tests/test_ch14_performance.py call these functions with
the ``subprocess.CompletedProcess`` of a ``--quick`` run; each returns the numbers of the
run's last line, ``json: {...}``. They check the *shape* of a measurement only: every row and
size measured, every time positive, the machine described. They never compare two times: on a
busy machine any run can be slowed down by other programs, so no ordering of times holds every
time. The chapter shows the numbers and says what this run measured.
"""

import math
import multiprocessing as mp
import os
import platform
import re

from examples_scripts.checks import shown
from examples_scripts.launch import json_record

# multiprocessing's own start methods (joblib's loky, once imported, adds its own to the list)
METHODS = [m for m in mp.get_all_start_methods() if m in ("fork", "spawn", "forkserver")]


def positive(times):
    """Every entry of a list of times is a positive number."""
    return all(isinstance(t, float) and t > 0 for t in times)


def measured(r, method):
    """A benchmark ran to the end, wrote nothing on stderr and described the machine: its numbers."""
    assert r.returncode == 0 and r.stderr == "", shown(r)
    assert "json: " in r.stdout, shown(r)
    data = json_record(r)
    machine = data["machine"]
    assert "logical cores" in machine and "Python" in machine and "start methods" in machine, machine
    assert data["start_method"] == method, data["start_method"]
    return data


def machine(r):
    """machine.py: CPU, cores, OS, Python version and build, start methods, on one line."""
    assert r.returncode == 0, shown(r)
    line = r.stdout.strip()
    assert f", {os.cpu_count()} logical cores, {platform.system()} " in line, line
    assert re.search(rf"Python {re.escape(platform.python_version())} \(\w+, (with GIL|free-threaded)\)", line), line
    assert line.endswith(f"start methods {METHODS}"), line  # the script has not imported joblib's loky


def bench_heavy_imports(r, method="spawn"):
    """Five children timed with no extra import and five with numpy at the top of the main module."""
    data = measured(r, method)
    assert list(data["seconds"]) == ["(none)", "numpy"], data["seconds"]
    assert all(len(t) == 5 and positive(t) for t in data["seconds"].values()), data["seconds"]
    return data


def bench_pool_reuse(r, method="spawn"):
    """Batches of processes, and every part of a Pool's and an executor's life, at every task count."""
    data = measured(r, method)
    assert data["workers"] == 2 and data["tasks"] == [1, 4, 16, 64, 256, 1024], data
    assert len(data["batch_of_processes"]) == 2 and positive(data["batch_of_processes"]), data
    for kind in ("Pool", "ProcessPoolExecutor"):
        parts = data[kind]
        assert set(parts) == {"start", "stop", *map(str, data["tasks"])}, parts
        assert all(len(v) == 2 and positive(v) for v in parts.values()), parts
    return data


def bench_chunksize(r, method="spawn"):
    """Both maps timed at every chunk size, the pool's own choice (125 for 1000 items) among them."""
    data = measured(r, method)
    assert data["items"] == 1000 and data["workers"] == 2, data
    assert data["pool_default"] == 125 and data["executor_default"] == 1, data
    assert data["chunksizes"] == [1, 4, 16, 64, 125, 256], data["chunksizes"]
    assert list(data["seconds"]) == ["Pool.map", "ProcessPoolExecutor.map"], data["seconds"]
    for per_size in data["seconds"].values():
        assert len(per_size) == len(data["chunksizes"]), per_size
        assert all(len(t) == 3 and positive(t) for t in per_size), per_size
    return data


def bench_big_args(r, method="spawn"):
    """16 tasks with a 10 KB to 1 MB argument, sent with every task and once per worker."""
    data = measured(r, method)
    assert data["sizes_mb"] == [0.01, 0.1, 1] and data["tasks"] == 16 and data["workers"] == 2, data
    assert len(data["pool_start"]) == 3 and positive(data["pool_start"]), data
    assert list(data["seconds"]) == ["with every task", "once per worker"], data["seconds"]
    for per_size in data["seconds"].values():
        assert len(per_size) == 3 and all(len(t) == 3 and positive(t) for t in per_size), per_size
    return data


def bench_ipc(r, method="spawn"):
    """Every channel at every payload size, 1 KiB to 16 MiB, three rounds each."""
    data = measured(r, method)
    assert data["sizes"] == [2**10, 2**15, 2**20, 2**24] and data["repeats"] == 3, data
    assert list(data["seconds"]) == ["copy in one process", "SharedMemory", "Pipe", "Queue", "Manager dict"], data
    for per_size in data["seconds"].values():
        assert len(per_size) == 4 and all(len(t) == 3 and positive(t) for t in per_size), per_size
    return data


def bench_scaling(r, method="spawn"):
    """Processes and threads, CPU-bound and sleeping, at 1, 2, the cores and twice the cores; s fitted."""
    data = measured(r, method)
    cores = os.cpu_count()
    assert data["cores"] == cores and data["workers"] == sorted({1, 2, cores, 2 * cores}), data
    assert set(data["seconds"]) == {
        "processes, CPU-bound",
        "threads, CPU-bound",
        "processes, sleeping",
        "threads, sleeping",
    }, data["seconds"]
    for runs in data["seconds"].values():
        assert len(runs) == len(data["workers"]) and all(len(t) == 3 and positive(t) for t in runs), runs
    s = data["amdahl_serial_fraction"]
    assert isinstance(s, float) and math.isfinite(s), s  # a number, whatever it says about this machine
    return data


def env_after_start(r, method):
    """A variable set after the first pool reaches new workers, except through a fork server started before."""
    assert r.returncode == 0, shown(r)
    first = f"{method}: first pool, OPENBLAS_NUM_THREADS not set in the parent: the worker sees unset"
    later = "unset" if method == "forkserver" else "1"
    second = f"{method}: second pool, after the parent set OPENBLAS_NUM_THREADS=1: the worker sees {later}"
    assert r.stdout.splitlines() == [first, second], shown(r)


def bench_blas_threads(r, method="spawn"):
    """One worker per core with default BLAS threads and with threadpool_limits(1) in the initializer."""
    data = measured(r, method)
    workers = os.cpu_count()
    labels = [f"{workers} workers, default BLAS threads", f"{workers} workers, threadpool_limits(1) in initializer"]
    assert list(data["seconds"]) == labels and list(data["blas_threads"]) == labels, data
    if data["blas"] != "no BLAS found":  # threadpoolctl cannot see every BLAS (Apple's Accelerate)
        assert data["blas_threads"][labels[1]] == 1, data["blas_threads"]  # the limit held in every worker
        assert data["blas_threads"][labels[0]] >= 1, data["blas_threads"]
    assert all(len(t) == 3 and positive(t) for t in data["seconds"].values()), data["seconds"]
    return data


def bench_break_even(r, method="spawn"):
    """Four task lengths, serial and on a running pool; a crossing inside the measured range, or none."""
    data = measured(r, method)
    assert data["durations"] == [1e-5, 1e-4, 1e-3, 1e-2] and data["tasks"] == 32 and data["workers"] == 2, data
    assert list(data["seconds"]) == ["serial", "running pool"], data["seconds"]
    for per_length in data["seconds"].values():
        assert len(per_length) == 4 and all(len(t) == 3 and positive(t) for t in per_length), per_length
    lengths = data["task_seconds"]
    assert len(lengths) == 4 and positive(lengths), lengths
    be = data["break_even_task_seconds"]  # interpolated between two measured task lengths
    assert be is None or min(lengths) * (1 - 1e-9) <= be <= max(lengths) * (1 + 1e-9), (be, lengths)
    assert data["pool_start"] > 0 and data["pool_stop"] > 0, data
    work = data["new_pool_break_even_work_seconds"]
    assert work is None or work > 0, work
    return data
