"""Chapter 1: the companion scripts behave as the chapter says, under every start method.

What each run must show is written once, in examples_scripts/checks/start_methods.py.
"""

from conftest import METHODS
from examples_scripts.checks import start_methods as check
from examples_scripts.launch import run


def test_a_process_and_a_pool_in_five_lines(method):
    check.process_and_pool(run("process_and_pool.py", "--start-method", method, echo=False, timeout=90), method)


def test_fork_copies_the_parent_and_spawn_rebuilds_it(method):
    check.fork_vs_spawn(run("fork_vs_spawn.py", "--start-method", method, echo=False, timeout=90), method)


def test_reimport_runs_module_level_code_again_except_under_fork(method):
    check.reimport(run("reimport.py", "--start-method", method, echo=False, timeout=90), method)


def test_child_misses_a_global_changed_after_import_except_under_fork(method):
    check.globals_after_import(run("globals_after_import.py", "--start-method", method, echo=False, timeout=90), method)


def test_ch01_ex2_passing_the_setting_as_an_argument_works_everywhere(method):
    """Exercise ch01-ex2."""
    check.ch01_ex2_setting_as_argument(
        run("solutions/ch01_ex2_setting_as_argument.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_only_fork_in_a_threaded_process_warns_from_3_12(method):
    check.fork_with_threads(run("fork_with_threads.py", "--start-method", method, echo=False, timeout=90), method)


def test_startup_cost_measures_every_method_against_the_bare_interpreter():
    check.startup_cost(run("startup_cost.py", "--quick", echo=False, timeout=120))


def test_an_unavailable_start_method_gets_a_one_line_error():
    r = run("globals_after_import.py", "--start-method", "nonsense", echo=False, timeout=90)
    assert r.returncode == 2 and r.stdout == "", r
    usage, error = r.stderr.splitlines()  # argparse: a usage line, then the one-line error
    assert usage.startswith("usage: globals_after_import.py [-h] [--start-method {"), r.stderr
    assert error.startswith(
        "globals_after_import.py: error: argument --start-method: invalid choice: 'nonsense' (choose from "
    ), r.stderr
    assert all(m in error for m in METHODS), r.stderr


def test_a_worker_defined_under_the_guard_is_missing_in_the_spawned_child():
    """Scripts: broken/worker_under_guard.py (spawn: the child cannot unpickle its target)."""
    check.worker_under_guard(run("broken/worker_under_guard.py", "--start-method", "spawn", echo=False))
