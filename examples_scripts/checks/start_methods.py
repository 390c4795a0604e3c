"""What chapter 1 (notebooks/01_start_methods.ipynb) must show: one function per script it runs.

Each function takes the ``subprocess.CompletedProcess`` that ``launch.run()`` returned and the
start method the script was given, and asserts every line the chapter and its tests rely on.
The chapter's hidden check cells and tests/test_ch01_start_methods.py both call them.
"""

import multiprocessing as mp
import platform
import re
import sys

from examples_scripts.checks import shown

# exercise ch01-ex1 runs chapter 2's fixed/no_main_guard.py: the same check as there
from examples_scripts.checks.main_guard import fixed_no_main_guard  # noqa: F401
from examples_scripts.launch import json_record

PREFIX = {"spawn": "Spawn", "fork": "Fork", "forkserver": "ForkServer"}
# the standard methods only: joblib's loky adds its own contexts to the list once imported
METHODS = [m for m in mp.get_all_start_methods() if m in PREFIX]


def process_and_pool(r, method="spawn"):
    """The primer: the child is another process and returned normally; both maps give the squares."""
    assert r.returncode == 0, shown(r)
    parent = re.search(r"^parent: pid (\d+)$", r.stdout, re.M)
    child = re.search(r"^child:  pid (\d+), hello from the parent$", r.stdout, re.M)
    assert parent and child and parent[1] != child[1], shown(r)
    assert f"parent: child pid {child[1]}, exit code 0" in r.stdout, shown(r)
    assert "parent: squares [0, 1, 4, 9, 16, 25]\n" in r.stdout, shown(r)
    assert "parent: squares [0, 1, 4, 9, 16, 25], with a timeout\n" in r.stdout, shown(r)


def fork_vs_spawn(r, method="spawn"):
    """fork's child sees the parent's change and is pickled nothing; the other child re-imports the
    module (spawn: itself, as __mp_main__), has the import-time value and unpickles its argument.
    Returns the run's data for the figure."""
    assert r.returncode == 0, shown(r)
    data = json_record(r)
    setup = [(e["process"], e["name"], e["what"], e["setting"]) for e in data["setup"]]
    assert setup == [
        ("MainProcess", "__main__", "imports the module as __main__", "set at import"),
        ("MainProcess", "__main__", "main() changes SETTING", "changed in main()"),
    ], shown(r)
    runs = {run["method"]: run for run in data["runs"]}
    assert list(runs) == (["fork"] if method == "fork" else ["fork", method]), shown(r)
    fork = runs["fork"]
    if "fork" not in mp.get_all_start_methods():
        assert not fork["available"] and fork["note"] == "not available on this OS", shown(r)
    else:
        whats = [(e["process"] == "MainProcess", e["what"], e["setting"]) for e in fork["events"]]
        assert whats == [
            (True, "start(): a child with fork", "changed in main()"),
            (False, "runs work()", "changed in main()"),
            (True, "join(): exit code 0", "changed in main()"),
        ], shown(r)
        assert fork["events"][1]["name"] == "__main__", shown(r)
    if method == "fork":
        return data
    events = runs[method]["events"]
    parent = [e["what"] for e in events if e["process"] == "MainProcess"]
    child = [e for e in events if e["process"] == runs[method]["child"]]
    assert parent == [f"start(): a child with {method}", "pickles work() and its argument", "join(): exit code 0"], (
        shown(r)
    )
    assert [e["what"] for e in child][-2:] == ["unpickles work() and its argument", "runs work()"], shown(r)
    assert all(e["name"] == "__mp_main__" and e["setting"] == "set at import" for e in child), shown(r)
    if method == "spawn":  # the spawned child imports the module itself (forkserver's server may do it)
        assert child[0]["what"] == "imports the module as __mp_main__", shown(r)
    return data


def worker_under_guard(r):
    """Spawn: the child cannot find a worker defined under the guard; the parent carries on."""
    assert r.returncode == 0 and "parent: child exit code 1" in r.stdout, shown(r)
    if sys.version_info >= (3, 14):
        assert "AttributeError: module '__mp_main__' has no attribute 'work'" in r.stderr, shown(r)
    else:
        assert "AttributeError: Can't get attribute 'work' on <module '__mp_main__' from '" in r.stderr, shown(r)


def reimport(r, method="spawn"):
    """Spawn and forkserver run the module-level line again, as ``__mp_main__``; fork does not."""
    out = r.stdout
    assert r.returncode == 0, shown(r)
    assert out.count("guarded block:") == 2, shown(r)  # both from the parent
    assert f"guarded block: __name__ = '__main__', starting a child with {method}" in out, shown(r)
    assert "guarded block: child exit code 0" in out, shown(r)
    if method == "fork":
        assert out.count("module level:") == 1, shown(r)
        assert "work():       __name__ = '__main__' in ForkProcess-1" in out, shown(r)
    else:
        assert out.count("module level:") == 2, shown(r)
        assert "module level: __name__ = '__mp_main__'" in out, shown(r)
        assert f"work():       __name__ = '__mp_main__' in {PREFIX[method]}Process-1" in out, shown(r)
    if method == "spawn":
        assert "module level: __name__ = '__mp_main__' in SpawnProcess-1" in out, shown(r)


def globals_after_import(r, method="spawn"):
    """Only fork carries the change that main() made into the child."""
    assert r.returncode == 0, shown(r)
    assert f"parent sets SETTING = 'changed in main()', then starts a child with {method}" in r.stdout, shown(r)
    seen = "changed in main()" if method == "fork" else "set at import"
    assert f"child sees SETTING = {seen!r}" in r.stdout, shown(r)


def ch01_ex2_setting_as_argument(r, method="spawn"):
    """Exercise ch01-ex2: passed as an argument, the value reaches the child under every method."""
    assert r.returncode == 0, shown(r)
    assert "child sees setting = 'changed in main()'" in r.stdout, shown(r)


def fork_with_threads(r, method="spawn"):
    """Exactly fork warns, from Python 3.12, when the process has another thread."""
    assert r.returncode == 0, shown(r)
    assert f"Python {platform.python_version()}: 2 threads running; starting a child with {method}" in r.stdout, shown(
        r
    )
    warns = method == "fork" and sys.version_info >= (3, 12)
    assert f"{int(warns)} warning(s); child exit code 0" in r.stdout, shown(r)
    assert ("use of fork() may lead to deadlocks in the child" in r.stdout) == warns, shown(r)
    if warns:
        assert "DeprecationWarning: This process (pid=" in r.stdout, shown(r)
        assert "is multi-threaded, use of fork() may lead to deadlocks in the child." in r.stdout, shown(r)


def startup_cost(r, method=None):
    """Every method this OS offers was measured against the bare interpreter, 5 times each, and
    every time is positive. Which is faster is measured, never asserted. Returns the data."""
    assert r.returncode == 0, shown(r)
    data = json_record(r)
    assert set(data["seconds"]) == {"python -c pass", *METHODS}, shown(r)
    assert all(len(times) == 5 and all(t > 0 for t in times) for times in data["seconds"].values()), shown(r)
    assert "logical cores" in data["machine"] and "Python" in data["machine"], shown(r)
    return data
