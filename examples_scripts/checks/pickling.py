"""What chapter 10 (notebooks/10_pickling.ipynb, pickling) checks in its scripts' runs.

The chapter's hidden check cells and tests/test_ch10_pickling.py call the same functions. Each
takes the ``subprocess.CompletedProcess`` that ``launch.run()`` returned for one script and the
start method it ran with, and asserts everything the chapter says about that run. The error
texts per Python version live in examples_scripts/pickle_errors.py.
"""

import re
import sys

from examples_scripts.checks import shown
from examples_scripts.launch import json_record
from examples_scripts.pickle_errors import ERRORS, expected
from examples_scripts.pickle_errors import check as check_line


def unpicklable(r, method="spawn"):
    """broken/unpicklable.py: every case fails by both routes with its documented text; fork hides the
    Process errors, never the Pool's; 3.14's notes name the path to what failed."""
    assert r.returncode == 0, shown(r)
    assert r.stdout.startswith(f"Python {sys.version_info.major}.{sys.version_info.minor}, start method {method}\n"), (
        shown(r)
    )
    for case in ERRORS:
        if method == "fork":  # fork pickles nothing for a Process: the bug hides
            assert f"{case}: Process.start(): ok, child exit code 0" in r.stdout, shown(r)
        else:
            check_line(r.stdout, case, "Process.start()")
        check_line(r.stdout, case, "Pool.map()")  # a Pool pickles every task under every method
    if sys.version_info >= (3, 14):
        assert "bound method, lock: Pool.map(): notes: when serializing dict item 'lock'" in r.stdout, shown(r)
        if method != "fork":
            assert "bound method, lock: Process.start(): notes: when serializing dict item 'lock'" in r.stdout, shown(r)
            assert re.search(
                r"^lambda: Process.start\(\): notes: when serializing dict item '_target' \.\.\. "
                r"when serializing multiprocessing\.context\.\w+Process object$",
                r.stdout,
                re.M,
            ), shown(r)


def process_start_unpicklable(r, method="spawn"):
    """broken/process_start_unpicklable.py: start() raises in the parent, with the full traceback; the
    child never runs deposit(). On Windows a half-born child may add its own traceback."""
    if method == "fork":
        assert r.returncode == 0 and "child: deposited 10, balance 10" in r.stdout, shown(r)
        assert "parent: child exit code 0" in r.stdout, shown(r)
        return
    assert r.returncode == 1 and "child: deposited" not in r.stdout, shown(r)
    parent_error = r.stderr.split("spawn_main")[0]  # on Windows a dying child may follow
    assert "child.start()" in parent_error, shown(r)
    assert re.search(rf"^{expected('bound method, lock')}$", parent_error, re.M), shown(r)
    if sys.version_info >= (3, 14):
        assert "when serializing dict item 'lock'\nwhen serializing Account state" in parent_error, shown(r)
    if sys.platform == "win32" and "spawn_main" in r.stderr:  # the half-born child
        child = r.stderr.split("spawn_main", 1)[1]
        assert "EOFError: Ran out of input" in child or "OSError" in child, shown(r)


def unpicklable_functions(r, method="spawn"):
    """fixed/unpicklable_functions.py: a module-level def, functools.partial and a module-level class."""
    assert r.returncode == 0, shown(r)
    assert "module-level def:   [0, 1, 4, 9, 16]" in r.stdout, shown(r)
    assert "functools.partial:  [10, 11, 12, 13, 14]" in r.stdout, shown(r)
    assert "module-level class: [0, 2, 4, 6, 8]" in r.stdout, shown(r)


def fixed_process_start_unpicklable(r, method="spawn"):
    """fixed/process_start_unpicklable.py: only the path is pickled, and every worker's copy wrote its line."""
    assert r.returncode == 0, shown(r)
    assert "pickled state: ['path']" in r.stdout, shown(r)
    assert "returned: [6, 6, 6, 6, 6, 6]" in r.stdout, shown(r)
    assert "6 lines in the log: ['task 0', 'task 1', 'task 2', 'task 3', 'task 4', 'task 5']" in r.stdout, shown(r)


def unpicklable_connection(r, method="spawn"):
    """fixed/unpicklable_connection.py: two workers, two connections, six rows found by key."""
    assert r.returncode == 0, shown(r)
    assert r.stdout.count("worker: opened its own connection") == 2, shown(r)
    assert "rows: ['apple', 'banana', 'cherry', 'date', 'elder', 'fig']" in r.stdout, shown(r)


def pickle_size_per_task(r, method="spawn"):
    """pickle_size_per_task.py: pickled once per task as an argument; once per worker through initargs
    (not at all under fork)."""
    assert r.returncode == 0, shown(r)
    assert "one pickled table: 1.00 MiB; 8 tasks, 2 workers" in r.stdout, shown(r)
    assert "per task:   pickled 8 times, 8.00 MiB sent" in r.stdout, shown(r)
    once = 0 if method == "fork" else 2
    assert f"per worker: pickled {once} times, {once}.00 MiB sent" in r.stdout, shown(r)
    assert "same results: True" in r.stdout, shown(r)


def ch10_ex2_generator_tasks(r, method="spawn"):
    """solutions/ch10_ex2_generator_tasks.py (exercise ch10-ex2): a generator feeds a pool, but cannot be a task."""
    assert r.returncode == 0, shown(r)
    assert "map over a generator:   [0, 1, 4, 9, 16]" in r.stdout, shown(r)
    assert "imap over a generator:  [0, 1, 4, 9, 16]" in r.stdout, shown(r)
    assert "a generator as a task:  TypeError: cannot pickle 'generator' object" in r.stdout, shown(r)
    assert "send the count instead: [10]" in r.stdout, shown(r)


def pickle_kinds(r, method="spawn"):
    """By reference, by reference + value, by value, or refused (in the parent, with this Python's text).

    Returns the parsed rows, which the chapter draws.
    """
    assert r.returncode == 0, shown(r)
    rows = {row["what"]: row for row in json_record(r)["rows"]}
    assert [(w, row["how"]) for w, row in rows.items()] == [
        ("module-level function", "by reference"),
        ("functools.partial", "by reference + value"),
        ("lambda", "refused"),
        ("nested function", "refused"),
        ("list of 1000 ints", "by value"),
        ("result 499500", "by value"),
        ("threading.Lock", "refused"),
    ], rows
    assert rows["module-level function"]["names"] == ["__main__.square"], rows
    assert "__main__.scale" in rows["functools.partial"]["names"], rows
    assert rows["module-level function"]["bytes"] < 100 < rows["list of 1000 ints"]["bytes"], rows
    for case in ("lambda", "nested function"):  # this Python's text, as in the chapter's tables
        assert re.fullmatch(expected(case), rows[case]["error"]), rows[case]
    assert rows["threading.Lock"]["error"] == "TypeError: cannot pickle '_thread.lock' object", rows
    assert rows["module-level function"]["in the worker"] == "ran, returned 49", rows
    assert rows["functools.partial"]["in the worker"] == "ran, returned 70", rows
    assert rows["lambda"]["in the worker"].startswith("never sent"), rows
    return list(rows.values())
