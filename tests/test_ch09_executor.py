"""Chapter 9: ProcessPoolExecutor scripts under every start method; broken demos fail as documented.

What each run must show lives in examples_scripts/checks/executor.py, which the chapter's
hidden check cells call too.
"""

import threading

import pytest

from examples_scripts.checks import executor as check
from examples_scripts.executor_workers import (
    pause,
    pid_of,
    reciprocal,
    sleepy_square,
    square,
    square_when_open,
    when_open,
)
from examples_scripts.launch import run


def test_notebook_workers_module_is_plain_functions():
    # examples_scripts/executor_workers.py: the notebook's executors use these in spawned workers
    assert (square(7), sleepy_square(2, delay=0), pause(0), reciprocal(4)) == (49, 4, 0, 0.25)
    assert isinstance(pid_of(None), int)
    with pytest.raises(ZeroDivisionError):
        reciprocal(0)


def test_gated_workers_end_when_and_how_the_parent_says():
    # the notebook passes a Manager's Event; a threading.Event has the same wait()
    gate = threading.Event()
    gate.set()
    assert square_when_open(3, gate) == 9 and when_open(gate, "ok") == "ok"
    with pytest.raises(ValueError, match="on purpose"):
        when_open(gate, ValueError("on purpose"))


def test_blog_example_corrected(method):
    check.blog_executor(run("fixed/blog_executor.py", "--start-method", method, echo=False, timeout=90), method)


def test_mp_context_decides_the_worker_kind(method):
    check.executor_mp_context(run("executor_mp_context.py", "--start-method", method, echo=False, timeout=90), method)


def test_a_dead_worker_breaks_the_executor_cleanly(method):
    check.executor_worker_dies(
        run("broken/executor_worker_dies.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_a_failing_initializer_breaks_the_executor(method):
    check.executor_initializer_fails(
        run("broken/executor_initializer_fails.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_a_dead_worker_leaves_pool_map_waiting(method):
    check.pool_worker_dies(run("broken/pool_worker_dies.py", "--start-method", method, echo=False, timeout=90), method)


def test_max_tasks_per_child_gives_fresh_workers_and_refuses_fork(method):
    check.executor_max_tasks_per_child(
        run("executor_max_tasks_per_child.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_shutdown_cancel_futures_cancels_the_waiting_tasks(method):
    check.executor_cancel_futures(
        run("executor_cancel_futures.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_windows_limit_is_61_workers(method):
    check.executor_windows_limit(
        run("executor_windows_limit.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_new_in_314_runs_only_where_available(method):
    check.executor_new_in_314(run("executor_new_in_314.py", "--start-method", method, echo=False, timeout=90), method)


def test_ch09_ex2_retry_after_broken_pool(method):
    """Exercise ch09-ex2: after BrokenProcessPool, only the lost tasks run again, on a new executor."""
    check.ch09_ex2_executor_retry(
        run("solutions/ch09_ex2_executor_retry.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_the_manager_thread_sets_the_futures_and_a_dead_worker_breaks_the_executor(method):
    check.executor_machinery(run("executor_machinery.py", "--start-method", method, echo=False, timeout=90), method)
