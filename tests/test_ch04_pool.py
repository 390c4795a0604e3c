"""Chapter 4: pool methods, chunksize timeline, initializer, maxtasksperchild, the with-block pitfall.

What each run must show is written once, in examples_scripts/checks/pool.py.
"""

import pytest

from examples_scripts.checks import pool as check
from examples_scripts.launch import run
from examples_scripts.pool_workers import add, reciprocal, slow_first, square


def test_blog_example_corrected(method):
    check.fixed_blog_pool(run("fixed/blog_pool.py", "--start-method", method, echo=False, timeout=90), method)


def test_pool_methods_tour(method):
    check.pool_methods(run("pool_methods.py", "--start-method", method, echo=False, timeout=90), method)


def test_notebook_workers_module_is_plain_functions():
    # examples_scripts/pool_workers.py: the notebook's pools use these (the notebook itself runs them
    # in spawned workers; a pool here would leave a resource tracker running in pytest)
    assert (square(7), add(2, 3), slow_first(2), reciprocal(4)) == (49, 5, 4, 0.25)
    with pytest.raises(ZeroDivisionError):
        reciprocal(0)


def test_timeline_json_is_complete_and_sane(method):
    check.pool_timeline(run("pool_timeline.py", "--start-method", method, echo=False, timeout=90), method)


def test_initializer_runs_once_per_worker_not_per_task(method):
    check.pool_initializer(run("pool_initializer.py", "--start-method", method, echo=False, timeout=90), method)


def test_maxtasksperchild_replaces_workers(method):
    check.pool_maxtasksperchild(
        run("pool_maxtasksperchild.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_results_not_collected_inside_the_with_block_never_arrive(method):
    check.broken_pool_results_after_with(
        run("broken/pool_results_after_with.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_ch04_ex1_default_chunksize(method):
    """Exercise ch04-ex1."""
    check.ch04_ex1_pool_default_chunksize(
        run("solutions/ch04_ex1_pool_default_chunksize.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_ch04_ex2_keep_good_results(method):
    """Exercise ch04-ex2."""
    check.ch04_ex2_pool_keep_good_results(
        run("solutions/ch04_ex2_pool_keep_good_results.py", "--start-method", method, echo=False, timeout=90), method
    )
