"""Chapter 14: every benchmark runs in --quick mode and prints a sane table and json line.

What each run must show is written once, in examples_scripts/checks/performance.py; the
chapter's hidden check cells call the same functions. No test checks a time, or compares two
times: another program can slow any run down, so only the shape of each measurement is
checked (every row and size measured, every time positive, the machine described).
"""

import pytest

from conftest import METHODS
from examples_scripts.checks import performance as check
from examples_scripts.launch import run

BENCHMARKS = [
    "bench_heavy_imports.py",
    "bench_pool_reuse.py",
    "bench_chunksize.py",
    "bench_big_args.py",
    "bench_ipc.py",
    "bench_scaling.py",
    "bench_blas_threads.py",
    "bench_break_even.py",
]


def test_machine_py_names_everything_a_benchmark_depends_on():
    check.machine(run("machine.py", echo=False, timeout=30))


@pytest.mark.parametrize("script", BENCHMARKS)
def test_benchmark_measures_every_row_and_describes_the_machine(script):
    r = run(script, "--quick", echo=False, timeout=300)
    getattr(check, script.removesuffix(".py"))(r, "spawn")


@pytest.mark.parametrize("script", BENCHMARKS)
def test_an_unavailable_start_method_gets_a_one_line_error(script):
    r = run(script, "--start-method", "nonsense", echo=False)
    assert r.returncode == 2 and r.stdout == "", r
    error = r.stderr.splitlines()[-1]
    assert error.startswith(f"{script}: error: argument --start-method: invalid choice: 'nonsense' (choose from "), r
    assert all(m in error for m in METHODS), error


def test_a_variable_set_after_the_first_pool_reaches_workers_except_through_the_fork_server(method):
    """Scripts: env_after_start.py, under every start method this OS offers."""
    check.env_after_start(run("env_after_start.py", "--start-method", method, echo=False, timeout=120), method)
