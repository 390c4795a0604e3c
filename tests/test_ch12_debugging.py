"""Chapter 12: tracebacks, exit codes, logging, faulthandler, Ctrl-C, progress bars, nested pools.

What each run must show lives in examples_scripts/checks/debugging.py, which the chapter's hidden
check cells call too.
"""

import sys

import pytest

from examples_scripts.checks import debugging as check
from examples_scripts.launch import run


def test_where_a_childs_traceback_goes(method):
    check.child_tracebacks(run("child_tracebacks.py", "--start-method", method, echo=False, timeout=90), method)


def test_exit_codes(method):
    check.exit_codes_table(run("exit_codes_table.py", "--start-method", method, echo=False, timeout=90), method)


def test_log_to_stderr_shows_children_start_and_end(method):
    check.log_to_stderr(run("log_to_stderr.py", "--start-method", method, echo=False, timeout=90), method)


def test_log_to_stderr_debug_level(method):
    check.log_to_stderr(
        run("log_to_stderr.py", "--start-method", method, "--level", "DEBUG", echo=False, timeout=90),
        method,
        level="DEBUG",
    )


def test_queue_logging_puts_every_workers_records_in_one_file(method):
    check.logging_queue(run("logging_queue.py", "--start-method", method, echo=False, timeout=90), method)


def test_faulthandler_dumps_the_hung_workers_stack(method):
    check.faulthandler_hang(run("faulthandler_hang.py", "--start-method", method, echo=False, timeout=90), method)


@pytest.mark.skipif(
    sys.platform == "win32",
    reason="a program cannot send Ctrl-C (SIGINT) to its pool "
    "workers on Windows; the script says so and exits, see test_ctrl_c_demo_explains_on_windows",
)
def test_ctrl_c_without_handling_prints_a_traceback_per_worker(method):
    check.pool_ctrl_c(run("broken/pool_ctrl_c.py", "--start-method", method, echo=False, timeout=90), method)


@pytest.mark.skipif(sys.platform != "win32", reason="Windows only")
def test_ctrl_c_demo_explains_on_windows(method):
    check.pool_ctrl_c(run("broken/pool_ctrl_c.py", "--start-method", method, echo=False, timeout=90), method)


def test_ctrl_c_handled_cleanly(method):
    check.fixed_pool_ctrl_c(run("fixed/pool_ctrl_c.py", "--start-method", method, echo=False, timeout=90), method)


def test_progress_bar_final_state(method):
    pytest.importorskip("tqdm")
    check.progress_bar(run("progress_bar.py", "--start-method", method, echo=False, timeout=90), method)


@pytest.mark.skipif(
    not check.ASSERTS,
    reason="this Python's stdlib is compiled without asserts (like -OO, e.g. "
    "the Windows embeddable build): the daemon check is skipped and the inner pool starts",
)
def test_nested_pool_fails_with_daemonic_assertion(method):
    check.nested_pool(run("broken/nested_pool.py", "--start-method", method, echo=False, timeout=90), method)


@pytest.mark.skipif(check.ASSERTS, reason="only a stdlib without asserts lets the inner pool start")
def test_nested_pool_runs_where_asserts_are_compiled_out(method):
    check.nested_pool(run("broken/nested_pool.py", "--start-method", method, echo=False, timeout=90), method)


def test_nested_pool_fixes(method):
    check.fixed_nested_pool(run("fixed/nested_pool.py", "--start-method", method, echo=False, timeout=90), method)


def test_ch12_ex1_exception_logged_with_traceback(method):
    """Exercise ch12-ex1: the worker's exception, with its traceback, in the one log file."""
    check.ch12_ex1_log_exceptions(
        run("solutions/ch12_ex1_log_exceptions.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_ch12_ex2_join_all_reports_every_failure(method):
    """Exercise ch12-ex2: join_all names every child that failed, and terminates the stuck one."""
    check.ch12_ex2_join_all(
        run("solutions/ch12_ex2_join_all.py", "--start-method", method, echo=False, timeout=90), method
    )
