"""Chapter 15: joblib, Dask (local and by address) and InterpreterPoolExecutor behave as the chapter says.

Dask takes seconds to start, so each Dask script runs once per module (a fixture) and several
tests read its output.
"""
import json
import sys
import sysconfig

import pytest

from examples_scripts.launch import run

from conftest import METHODS

FIRST_FOUR = "first 4 [216, 345, 826, 307]"


def last_json(stdout):
    return json.loads(stdout.rsplit("json: ", 1)[1])


def test_cpu_work_burn_is_deterministic_and_module_level():
    from examples_scripts.cpu_work import burn, check_positive  # cpu_work.py
    assert [burn(i) for i in range(4)] == [216, 345, 826, 307]
    assert burn.__module__ == "examples_scripts.cpu_work"
    with pytest.raises(ValueError, match="seed must be >= 0, got -1"):
        check_positive(-1)


@pytest.fixture(scope="module")
def benchmark():
    return run("engines_benchmark.py", "--quick", echo=False, timeout=120)


def test_engines_benchmark_times_one_process_pool_and_joblib(benchmark):
    r = benchmark
    assert r.returncode == 0, r.stderr
    data = last_json(r.stdout)
    assert list(data["seconds"]) == ["one process", "Pool (spawn)", "joblib (loky)"]
    assert all(len(t) == 2 and min(t) > 0 for t in data["seconds"].values())
    assert data["start"]["one process"] == 0 and data["start"]["Pool (spawn)"] > 0
    assert "logical cores" in data["machine"] and "Python" in data["machine"]


def test_joblib_loky_needs_no_main_guard_and_does_not_reimport_main():
    r = run("joblib_without_guard.py", echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "results: [216, 345, 826, 307]" in r.stdout
    assert r.stdout.count("module level:") == 1


@pytest.fixture(scope="module")
def dask_local():
    return run("dask_local.py", "--quick", echo=False, timeout=120)


@pytest.fixture(scope="module")
def dask_by_address():
    return run("dask_by_address.py", "--quick", echo=False, timeout=150)


def check_use_cluster(out):
    assert "workers: 2" in out
    assert f"map + gather: 16 results, {FIRST_FOUR}" in out
    assert "submit + as_completed: 8 tasks ran in" in out and "in this process: False" in out


def test_dask_local_cluster_runs_the_tasks_in_worker_processes(dask_local):
    assert dask_local.returncode == 0, dask_local.stderr[-3000:]
    assert "scheduler at tcp://127.0.0.1:" in dask_local.stdout
    assert "each worker process is watched by a Nanny object in this process" in dask_local.stdout
    check_use_cluster(dask_local.stdout)
    assert last_json(dask_local.stdout)["engine"] == "Dask LocalCluster"


def test_dask_local_error_reaches_the_client_with_the_workers_traceback(dask_local):
    out = dask_local.stdout
    assert "the client caught: ValueError('seed must be >= 0, got -1')" in out
    tb = out.split("the worker's traceback, sent back with it:\n", 1)[1]
    assert tb.startswith("  File ") and 'cpu_work.py", line' in tb and "in check_positive" in tb
    assert "Compute Failed" in dask_local.stderr


def test_dask_dashboard_is_off_without_bokeh_and_says_why(dask_local):
    try:
        import bokeh  # noqa: F401
    except ImportError:
        assert "dashboard: off (it needs bokeh: pip install bokeh)" in dask_local.stdout
    else:
        assert "dashboard: http://127.0.0.1:" in dask_local.stdout


def test_dask_same_code_by_address_on_separate_processes(dask_by_address):
    r = dask_by_address
    assert r.returncode == 0, r.stderr[-3000:]
    out = r.stdout
    assert "$ dask scheduler --host 127.0.0.1 --port 0 --no-dashboard --scheduler-file <tmp>/scheduler.json" in out
    assert out.count("$ dask worker tcp://127.0.0.1:") == 2
    assert out.count("--host 127.0.0.1 --nworkers 1 --nthreads 1 --no-dashboard") == 2
    assert "connected: Client('tcp://127.0.0.1:" in out
    assert "each worker runs in a child process of a `dask worker` command (its nanny): True" in out
    check_use_cluster(out)
    assert "the client caught: ValueError('seed must be >= 0, got -1')" in out
    assert "scheduler and workers stopped (0 had to be killed)" in out   # graceful shutdown worked
    assert last_json(out)["engine"] == "Dask by address"


def test_dask_local_cluster_without_main_guard_fails_with_the_bootstrapping_error():
    r = run("broken/dask_no_main_guard.py", echo=False, timeout=120)
    assert r.returncode == 1
    assert "module level: __name__ = '__mp_main__'" in r.stdout
    assert "current process has finished its bootstrapping phase." in r.stderr
    assert r.stderr.strip().splitlines()[-1] == "RuntimeError: Nanny failed to start."
    assert "results:" not in r.stdout


def test_interpreter_pool_executor_exists_from_3_14_and_reports_the_gil():
    r = run("interpreter_pool.py", echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    if sys.version_info >= (3, 14):
        assert "InterpreterPoolExecutor(2): same results as one interpreter: True" in r.stdout
    else:
        assert f"InterpreterPoolExecutor needs Python 3.14; this is {sys.version.split()[0]}" in r.stdout
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))   # the child runs this same Python
    assert f"free-threaded build: {free_threaded}" in r.stdout
    if sys.version_info >= (3, 13):   # a free-threaded build may turn the GIL on for an extension
        assert ("sys._is_gil_enabled(): " + ("" if free_threaded else "True")) in r.stdout
    else:
        assert "sys._is_gil_enabled() does not exist before Python 3.13" in r.stdout


def test_process_pool_executor_batch_under_every_method(method):
    r = run("solutions/ch15_ex2_executor_batch.py", "--start-method", method, echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    assert f"ProcessPoolExecutor ({method}): same results as one process: True" in r.stdout
    assert "batch of 16 calls: median" in r.stdout


def test_an_unavailable_start_method_gets_a_one_line_error():
    r = run("dask_local.py", "--start-method", "nonsense", echo=False)
    assert r.returncode == 1
    assert r.stderr.strip() == (
        f"error: start method 'nonsense' is not available here; choose from {METHODS}")
