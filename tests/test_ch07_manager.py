"""Chapter 7: Manager proxies, their cost, the nested-mutation pitfall, lost updates, shutdown, authkey.

What each run must show is in examples_scripts/checks/manager.py, shared with the chapter's hidden cells.
"""

from examples_scripts.checks import manager as check
from examples_scripts.launch import run


def test_dict_list_namespace_lock_queue_are_shared_through_proxies(method):
    check.manager_types(run("manager_types.py", "--start-method", method, echo=False, timeout=90), method)


def test_every_operation_of_the_cost_benchmark_is_measured():
    check.manager_cost(run("manager_cost.py", "--quick", echo=False, timeout=120))


def test_appending_to_a_nested_list_is_lost_and_both_fixes_work(method):
    check.manager_nested(run("manager_nested.py", "--start-method", method, echo=False, timeout=90), method)


def test_read_then_write_loses_an_update_and_the_lock_makes_the_count_exact(method):
    check.manager_lost_update(run("manager_lost_update.py", "--start-method", method, echo=False, timeout=90), method)


def test_a_proxy_used_after_the_with_block_raises_broken_pipe(method):
    check.broken_manager_proxy_after_with(
        run("broken/manager_proxy_after_with.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_inherited_authkey_connects_and_a_wrong_one_is_refused(method):
    check.manager_authkey(run("manager_authkey.py", "--start-method", method, echo=False, timeout=90), method)


def test_ch07_ex1_one_key_per_worker_counts_exactly_without_a_lock(method):
    """Exercise ch07-ex1."""
    check.ch07_ex1_manager_per_worker_keys(
        run("solutions/ch07_ex1_manager_per_worker_keys.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_ch07_ex2_a_list_in_a_namespace_has_the_same_pitfall(method):
    """Exercise ch07-ex2."""
    check.ch07_ex2_namespace_nested(
        run("solutions/ch07_ex2_namespace_nested.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_every_proxy_call_runs_in_the_server_in_one_thread_per_caller(method):
    check.manager_calls(run("manager_calls.py", "--start-method", method, echo=False, timeout=90), method)


def test_a_copy_made_inside_the_with_block_survives_the_shutdown(method):
    check.fixed_manager_proxy_after_with(
        run("fixed/manager_proxy_after_with.py", "--start-method", method, echo=False, timeout=90), method
    )
