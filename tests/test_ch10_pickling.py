"""Chapter 10: each unpicklable object fails as documented (per Python version); each fix works.

What each run must show lives in examples_scripts/checks/pickling.py, which the chapter's hidden
check cells call too; the accepted error texts, one per Python version range, live in
examples_scripts/pickle_errors.py.
"""

from examples_scripts.checks import pickling as check
from examples_scripts.launch import run
from examples_scripts.pickle_errors import ERRORS, expected


def test_every_case_fails_by_both_routes_with_the_documented_text(method):
    check.unpicklable(run("broken/unpicklable.py", "--start-method", method, echo=False, timeout=90), method)


def test_process_start_raises_in_the_parent_with_a_full_traceback(method):
    check.process_start_unpicklable(
        run("broken/process_start_unpicklable.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_module_level_function_partial_and_class_fix_the_first_three(method):
    check.unpicklable_functions(
        run("fixed/unpicklable_functions.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_getstate_drops_the_lock_and_file_and_setstate_reopens(method):
    check.fixed_process_start_unpicklable(
        run("fixed/process_start_unpicklable.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_initializer_opens_one_connection_per_worker_from_a_path(method):
    check.unpicklable_connection(
        run("fixed/unpicklable_connection.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_large_object_is_pickled_per_task_but_once_per_worker_via_initargs(method):
    check.pickle_size_per_task(run("pickle_size_per_task.py", "--start-method", method, echo=False, timeout=90), method)


def test_ch10_ex2_generator_feeds_a_pool_but_cannot_be_a_task(method):
    """Exercise ch10-ex2: a pool consumes a generator in the parent; a generator as a task fails."""
    check.ch10_ex2_generator_tasks(
        run("solutions/ch10_ex2_generator_tasks.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_every_supported_version_has_one_text_per_case():
    for case in ERRORS:
        for minor in range(11, 15):
            assert expected(case, (3, minor))  # raises LookupError if a version is missing


def test_functions_cross_by_reference_data_by_value_and_lambdas_are_refused(method):
    check.pickle_kinds(run("pickle_kinds.py", "--start-method", method, echo=False, timeout=90), method)
