"""Chapter 3: one Process from start to finish, under every start method.

What each run must show is written once, in examples_scripts/checks/process.py.
"""

from examples_scripts.checks import process as check
from examples_scripts.launch import run


def test_lifecycle_attributes_names_pids_order_and_close(method):
    check.process_lifecycle(run("process_lifecycle.py", "--start-method", method, echo=False, timeout=90), method)


def test_exception_in_child_only_reaches_the_parent_as_exit_code_1(method):
    check.child_exception(run("child_exception.py", "--start-method", method, echo=False, timeout=90), method)


def test_return_value_is_lost_and_comes_back_through_queue_or_pool(method):
    check.return_value(run("return_value.py", "--start-method", method, echo=False, timeout=90), method)


def test_join_timeout_then_terminate_and_kill_exit_codes(method):
    check.terminate_kill(run("terminate_kill.py", "--start-method", method, echo=False, timeout=90), method)


def test_daemon_is_terminated_at_exit_cannot_have_children_and_the_normal_child_is_waited_for(method):
    check.daemon_children(run("daemon_children.py", "--start-method", method, echo=False, timeout=90), method)


def test_seed_example_corrected_output_is_deterministic(method):
    check.seed_workers(run("seed_workers.py", "--start-method", method, echo=False, timeout=90), method)


def test_ch03_ex1_exit_codes(method):
    """Exercise ch03-ex1."""
    check.ch03_ex1_exit_codes(
        run("solutions/ch03_ex1_exit_codes.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_ch03_ex2_deadline(method):
    """Exercise ch03-ex2."""
    check.ch03_ex2_deadline(
        run("solutions/ch03_ex2_deadline.py", "--start-method", method, echo=False, timeout=90), method
    )
