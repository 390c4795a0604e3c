"""What chapter 2 (notebooks/02_main_guard.ipynb) must show: one function per script it runs.

Each function takes the ``subprocess.CompletedProcess`` that ``launch.run()`` returned and the
start method the script was given, and asserts every line the chapter and its tests rely on.
The chapter's hidden check cells and tests/test_ch02_main_guard.py both call them.
"""

import re
import sys

from examples_scripts.checks import shown

BOOTSTRAP = (
    "An attempt has been made to start a new process before the\n"
    "        current process has finished its bootstrapping phase."
)
# The forkserver was always meant to import the main module once, itself, before forking any
# child; a bug kept it from doing so until 3.13.8 and 3.14.1 (CPython gh-126631). Before, each
# child imported it. A script with no guard now kills the server instead of each child.
SERVER_IMPORTS_MAIN = sys.version_info >= (3, 14, 1) or (3, 13, 8) <= sys.version_info < (3, 14)
# How the parent's start() fails when the server died importing the script. 3.14: the server
# was already listening, so the connection is reset (or refused, if the server was gone before
# the parent connected: both happen, depending on which process runs first).
# 3.13.8+ is not verified here (no such interpreter on the machine that wrote this).
SERVER_GONE = (
    ("ConnectionResetError", "ConnectionRefusedError")
    if sys.version_info >= (3, 14)
    else ("ConnectionResetError", "ConnectionRefusedError", "BrokenPipeError", "EOFError")
)


def module_level_runs(method, children=3):
    """How many processes run a script's module-level code: the parent, then each child under
    spawn; under forkserver the server or each child; under fork nobody else. Both scripts that
    count it start 3 children (fixed/no_main_guard.py: a Process and a Pool of 2)."""
    if method == "fork":
        return 1
    if method == "forkserver" and SERVER_IMPORTS_MAIN:
        return 2
    return 1 + children


def server_died(r):
    """The forkserver died importing the script, and the parent's start() failed."""
    assert BOOTSTRAP in r.stderr, shown(r)
    assert r.returncode == 1, shown(r)
    assert any(f"\n{error}: " in r.stderr for error in SERVER_GONE), shown(r)


def broken_no_main_guard(r, method="spawn"):
    """The child dies of the bootstrapping RuntimeError, once, and the parent carries on.
    Under fork it works; where the forkserver imports the script itself, the server dies."""
    if method == "fork":
        assert r.returncode == 0 and "hello from the child" in r.stdout, shown(r)
        assert "child exit code 0" in r.stdout, shown(r)
        return
    assert "hello from the child" not in r.stdout, shown(r)
    if method == "forkserver" and SERVER_IMPORTS_MAIN:
        server_died(r)
        return
    assert BOOTSTRAP in r.stderr, shown(r)
    assert r.stderr.count("Traceback (most recent call last)") == 1, shown(r)  # no recursion
    assert r.stdout.count("__name__ = '__mp_main__'") == 1, shown(r)  # one re-import, no grandchild
    assert "__main__: child exit code 1" in r.stdout and r.returncode == 0, shown(r)


def broken_pool_no_main_guard(r, method="spawn"):
    """The pool never answers: its workers die and are replaced. The script waits until the pool
    has started at least 4 workers for its 2 places, so 2 or more have died, whatever the load."""
    assert r.returncode is not None, "the script's own bounds did not work" + shown(r)
    if method == "fork":
        assert "squares: [0, 1, 4, 9, 16]" in r.stdout and r.returncode == 0, shown(r)
        return
    assert "squares:" not in r.stdout, shown(r)
    if method == "forkserver" and SERVER_IMPORTS_MAIN:
        server_died(r)
        return
    assert "no result after 3 s: the workers keep dying and the pool keeps replacing them" in r.stdout, shown(r)
    assert r.returncode == 1, shown(r)
    started = re.search(r"^the pool has started (\d+) workers for its 2 places$", r.stdout, re.M)
    assert started and int(started[1]) >= 4, shown(r)
    # the pool removes a dead worker before it starts its replacement
    died = re.search(r"^(\d+) of them died and were replaced, in (\d+\.\d) s$", r.stdout, re.M)
    assert died and int(died[1]) >= int(started[1]) - 2, shown(r)
    # each replacement follows a death, and a worker prints its traceback before it dies
    assert r.stderr.count("bootstrapping phase") >= 2, shown(r)
    assert r.stdout.count("module level: __name__ = '__mp_main__'") >= 2, shown(r)


def fixed_no_main_guard(r, method="spawn"):
    """Behind the guard, the Process and the Pool work under every method; the module-level line
    still runs in every process that imports the script."""
    assert r.returncode == 0, shown(r)
    assert "hello from the child" in r.stdout and "child exit code 0" in r.stdout, shown(r)
    assert "squares: [0, 1, 4, 9, 16]" in r.stdout, shown(r)
    assert "bootstrapping" not in r.stderr, shown(r)
    assert r.stdout.count("module level:") == module_level_runs(method), shown(r)


def ch02_ex2_module_level_cost(r, method="spawn"):
    """Exercise ch02-ex2: the module-level set-up runs in the parent and in every process that
    imports the script again (a Pool of 3 here)."""
    assert r.returncode == 0, shown(r)
    assert "squares: [0, 1, 4, 9, 16, 25]" in r.stdout, shown(r)
    assert r.stdout.count("expensive module-level set-up") == module_level_runs(method), shown(r)


def reimport_lanes(r):
    """reimport.py under spawn, as the chapter's first figure draws it: five lines, in this order
    (the parent prints before start() and after join(); the child prints in between)."""
    assert r.returncode == 0, shown(r)
    assert r.stdout.splitlines() == [
        "module level: __name__ = '__main__' in MainProcess",
        "guarded block: __name__ = '__main__', starting a child with spawn",
        "module level: __name__ = '__mp_main__' in SpawnProcess-1",
        "work():       __name__ = '__mp_main__' in SpawnProcess-1",
        "guarded block: child exit code 0",
    ], shown(r)


def pool_churn_summary(r):
    """What the run of broken/pool_no_main_guard.py adds up to: the counts the page prints."""
    started = int(re.search(r"^the pool has started (\d+) workers", r.stdout, re.M)[1])
    died, seconds = re.search(r"^(\d+) of them died and were replaced, in (\d+\.\d) s$", r.stdout, re.M).groups()
    return {
        "started": started,
        "died": int(died),
        "seconds": float(seconds),
        "imported": r.stdout.count("module level: __name__ = '__mp_main__'"),
        "tracebacks": r.stderr.count("bootstrapping phase"),
        "stderr_lines": len(r.stderr.splitlines()),
    }


def ch02_ex3_who_am_i_at_import(r, method="spawn"):
    """Exercise ch02-ex3: while a child re-imports the script, parent_process() is still None, as
    in the parent; only __name__ differs. In work() the child knows its parent."""
    assert r.returncode == 0 and "child exit code 0" in r.stdout, shown(r)
    lines = r.stdout.splitlines()
    module = [line for line in lines if line.startswith("module level:")]
    work = [line for line in lines if line.startswith("work():")]
    assert "__name__ = '__main__'" in module[0] and module[0].endswith("parent_process() = None"), shown(r)
    assert len(module) == (1 if method == "fork" else 2), shown(r)
    if method != "fork":  # the re-import: __name__ differs, parent_process() does not
        assert "__name__ = '__mp_main__'" in module[1] and module[1].endswith("parent_process() = None"), shown(r)
    assert len(work) == 1 and work[0].endswith("parent_process() = MainProcess"), shown(r)
    assert ("__name__ = '__mp_main__'" in work[0]) == (method != "fork"), shown(r)


def reimport_on_stdin(r, method="spawn"):
    """``python - < reimport.py``: the spawned child cannot open '<stdin>', with each OS's error."""
    assert r.returncode == 0, shown(r)  # the parent is fine; its child failed
    if sys.platform == "win32":  # '<' cannot appear in a Windows file name
        assert "OSError: [Errno 22] Invalid argument:" in r.stderr, shown(r)
    else:
        assert "FileNotFoundError: [Errno 2] No such file or directory:" in r.stderr, shown(r)
    assert "<stdin>" in r.stderr, shown(r)
    assert "guarded block: child exit code 1" in r.stdout, shown(r)
