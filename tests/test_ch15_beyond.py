"""Chapter 15: joblib, Dask (local and by address) and InterpreterPoolExecutor behave as the chapter says.

What each run must show is written once, in examples_scripts/checks/beyond.py; the chapter's
hidden check cells call the same functions. Dask takes seconds to start, so each Dask script
runs once per module (a fixture) and several tests read its output.
"""

import pytest

from conftest import METHODS
from examples_scripts.checks import beyond as check
from examples_scripts.launch import run


def test_cpu_work_burn_is_deterministic_and_module_level():
    from examples_scripts.cpu_work import burn, check_positive  # cpu_work.py

    assert [burn(i) for i in range(4)] == [216, 345, 826, 307]
    assert burn.__module__ == "examples_scripts.cpu_work"
    with pytest.raises(ValueError, match="seed must be >= 0, got -1"):
        check_positive(-1)


def test_engines_benchmark_times_one_process_pool_and_joblib():
    check.engines_benchmark(run("engines_benchmark.py", "--quick", echo=False, timeout=120))


def test_joblib_loky_needs_no_main_guard_and_does_not_reimport_main():
    check.joblib_without_guard(run("joblib_without_guard.py", echo=False, timeout=60))


@pytest.fixture(scope="module")
def dask_local():
    return run("dask_local.py", "--quick", echo=False, timeout=120)


@pytest.fixture(scope="module")
def dask_by_address():
    return run("dask_by_address.py", "--quick", echo=False, timeout=150)


def test_dask_local_cluster_runs_the_tasks_in_worker_processes_and_sends_errors_back(dask_local):
    check.dask_local(dask_local)


def test_dask_same_code_by_address_on_separate_processes(dask_by_address):
    check.dask_by_address(dask_by_address)


def test_dask_local_cluster_without_main_guard_fails_with_the_bootstrapping_error():
    check.dask_no_main_guard(run("broken/dask_no_main_guard.py", echo=False, timeout=120))


@pytest.mark.parametrize("stdin", [False, True], ids=["script", "stdin"])
def test_interpreter_pool_sends_a_function_without_globals_as_code_and_reruns_the_script_for_one_with(stdin):
    """Scripts: interpreter_main.py, as a script and fed on standard input."""
    script = ("-",) if stdin else ("interpreter_main.py",)
    r = run(*script, stdin="interpreter_main.py" if stdin else None, echo=False, timeout=60)
    check.interpreter_main(r, stdin=stdin)


def test_interpreter_pool_executor_exists_from_3_14_and_reports_the_gil():
    check.interpreter_pool(run("interpreter_pool.py", echo=False, timeout=60))


def test_ch15_ex2_executor_batch_under_every_method(method):
    """Exercise ch15-ex2: the same batch on a ProcessPoolExecutor, under every start method."""
    r = run("solutions/ch15_ex2_executor_batch.py", "--start-method", method, echo=False, timeout=60)
    check.ch15_ex2_executor_batch(r, method)


def test_an_unavailable_start_method_gets_a_one_line_error_without_lokys_methods():
    r = run("dask_local.py", "--start-method", "nonsense", echo=False)
    assert r.returncode == 2 and r.stdout == "", r
    error = r.stderr.splitlines()[-1]
    assert error.startswith("dask_local.py: error: argument --start-method: invalid choice: 'nonsense' (choose from ")
    assert all(m in error for m in METHODS) and "loky" not in error, error  # joblib adds loky's to mp's list
