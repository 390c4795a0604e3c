"""Chapter 10: each unpicklable object fails as documented (per Python version); each fix works.

The accepted error texts, one per Python version range, live in examples_scripts/pickle_errors.py.
"""
import re
import sys

from examples_scripts.launch import run
from examples_scripts.pickle_errors import ERRORS, check, expected

ROUTES = ("Process.start()", "Pool.map()")


def test_every_case_fails_by_both_routes_with_the_documented_text(method):
    r = run("broken/unpicklable.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    for case in ERRORS:
        if method == "fork":   # fork pickles nothing for a Process: the bug hides
            assert f"{case}: Process.start(): ok, child exit code 0" in r.stdout
        else:
            check(r.stdout, case, "Process.start()")
        check(r.stdout, case, "Pool.map()")   # a Pool pickles every task under every method


def test_python_314_adds_notes_that_name_the_failing_attribute(method):
    if sys.version_info < (3, 14):
        return
    r = run("broken/unpicklable.py", "--start-method", method, echo=False)
    assert "bound method, lock: Pool.map(): notes: when serializing dict item 'lock'" in r.stdout
    if method != "fork":
        assert re.search(r"^lambda: Process.start\(\): notes: when serializing dict item '_target' \.\.\. "
                         r"when serializing multiprocessing\.context\.\w+Process object$", r.stdout, re.MULTILINE)


def test_process_start_raises_in_the_parent_with_a_full_traceback(method):
    r = run("broken/process_start_unpicklable.py", "--start-method", method, echo=False)
    if method == "fork":
        assert r.returncode == 0 and "child: deposited 10, balance 10" in r.stdout
        assert "parent: child exit code 0" in r.stdout
        return
    assert r.returncode == 1 and "child: deposited" not in r.stdout
    parent_error = r.stderr.split("spawn_main")[0]   # on Windows a dying child may follow
    assert "child.start()" in parent_error
    assert re.search(rf"^{expected('bound method, lock')}$", parent_error, re.MULTILINE)
    if sys.version_info >= (3, 14):
        assert "when serializing dict item 'lock'\nwhen serializing Account state" in parent_error
    if sys.platform == "win32" and "spawn_main" in r.stderr:   # the half-born child
        child = r.stderr.split("spawn_main", 1)[1]
        assert "EOFError: Ran out of input" in child or "OSError" in child, child


def test_module_level_function_partial_and_class_fix_the_first_three(method):
    r = run("fixed/unpicklable_functions.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert "module-level def:   [0, 1, 4, 9, 16]" in r.stdout
    assert "functools.partial:  [10, 11, 12, 13, 14]" in r.stdout
    assert "module-level class: [0, 2, 4, 6, 8]" in r.stdout


def test_getstate_drops_the_lock_and_file_and_setstate_reopens(method):
    r = run("fixed/process_start_unpicklable.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert "pickled state: ['path']" in r.stdout
    assert "returned: [6, 6, 6, 6, 6, 6]" in r.stdout
    assert "6 lines in the log: ['task 0', 'task 1', 'task 2', 'task 3', 'task 4', 'task 5']" in r.stdout


def test_initializer_opens_one_connection_per_worker_from_a_path(method):
    r = run("fixed/unpicklable_connection.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("worker: opened its own connection") == 2
    assert "rows: ['apple', 'banana', 'cherry', 'date', 'elder', 'fig']" in r.stdout


def test_large_object_is_pickled_per_task_but_once_per_worker_via_initargs(method):
    r = run("pickle_size_per_task.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert "one pickled table: 1.00 MiB; 8 tasks, 2 workers" in r.stdout
    assert "per task:   pickled 8 times, 8.00 MiB sent" in r.stdout
    once = 0 if method == "fork" else 2
    assert f"per worker: pickled {once} times, {once}.00 MiB sent" in r.stdout
    assert "same results: True" in r.stdout


def test_exercise_generator_feeds_a_pool_but_cannot_be_a_task(method):
    r = run("solutions/ch10_ex2_generator_tasks.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert "map over a generator:   [0, 1, 4, 9, 16]" in r.stdout
    assert "imap over a generator:  [0, 1, 4, 9, 16]" in r.stdout
    assert "a generator as a task:  TypeError: cannot pickle 'generator' object" in r.stdout
    assert "send the count instead: [10]" in r.stdout


def test_every_supported_version_has_one_text_per_case():
    for case in ERRORS:
        for minor in range(11, 15):
            assert expected(case, (3, minor))   # raises LookupError if a version is missing
