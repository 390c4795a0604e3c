"""What chapter 11 (notebooks/11_notebooks.ipynb, notebooks and spawn) checks in its scripts' runs.

The chapter's hidden check cells and tests/test_ch11_notebooks.py call the same functions. Each
takes the ``subprocess.CompletedProcess`` that ``launch.run()`` returned for one script and the
start method it ran with, and asserts everything the chapter says about that run.
"""

import sys

from examples_scripts.checks import shown
from examples_scripts.launch import json_record

PREFIX = {"spawn": "Spawn", "fork": "Fork", "forkserver": "ForkServer"}
BROKEN_POOL = (
    "executor: BrokenProcessPool: A process in the process pool was terminated abruptly "
    "while the future was running or pending."
)
POOL_HANGS = "pool: no result after 1 s; map() would wait forever"
CHARMAP = "UnicodeEncodeError: 'charmap' codec can't encode characters in position 0-1: character maps to <undefined>"


def cant_get(name):
    """What a child prints when the function is missing from its built-in __main__, per version."""
    if sys.version_info >= (3, 14):
        return f"AttributeError: module '__main__' has no attribute '{name}'"
    if sys.version_info >= (3, 12):  # the module's repr lost its "(built-in)" in 3.12
        return (
            f"AttributeError: Can't get attribute '{name}' on "
            "<module '__main__' (<class '_frozen_importlib.BuiltinImporter'>)>"
        )
    return f"AttributeError: Can't get attribute '{name}' on <module '__main__' (built-in)>"


def notebook_function(r, method="spawn"):
    """broken/notebook_function.py: each child dies with this version's AttributeError; the executor
    breaks, the Pool gives no result. Under fork the child is a copy of the parent, f included."""
    assert r.returncode == 0, shown(r)
    if method == "fork":
        assert r.stdout == "f lives in <module '__main__'>\nexecutor: 9\npool: abs(-3) = 3\npool: [9]\n", shown(r)
        assert "Traceback" not in r.stderr, shown(r)
        return
    assert r.stdout == f"f lives in <module '__main__'>\n{BROKEN_POOL}\npool: abs(-3) = 3\n{POOL_HANGS}\n", shown(r)
    assert r.stderr.count(cant_get("f")) == 2, shown(r)  # the executor's worker and the pool's
    # the names the prose gives: the executor's worker was the first process, the pool's the second
    assert r.stderr.startswith(f"Process {PREFIX[method]}Process-1:\n"), shown(r)
    assert f"\nProcess {PREFIX[method]}PoolWorker-2:\n" in r.stderr, shown(r)


def dash_c(r, method="spawn"):
    """broken/dash_c.py: a worker defined with python -c dies with the same AttributeError, for 'work'."""
    assert r.returncode == 0, shown(r)
    head = f"$ python -c CODE {method}\npool: abs(-3) = 3\n"
    if method == "fork":
        assert r.stdout == f"{head}pool: [9]\n[python -c exit status 0]\n", shown(r)
        return
    assert r.stdout == f"{head}{POOL_HANGS}\n[python -c exit status 0]\n", shown(r)
    assert r.stderr.count(cant_get("work")) == 1, shown(r)
    assert r.stderr.startswith(f"Process {PREFIX[method]}PoolWorker-1:\n"), shown(r)


def console_encoding_cp1252(r, method="spawn"):
    """console_encoding.py with a cp1252 stdout: the producer dies of UnicodeEncodeError on its first
    print; the consumer gets nothing and gives up."""
    assert r.returncode == 0, shown(r)
    assert "parent: stdout encoding is cp1252" in r.stdout, shown(r)
    assert CHARMAP in r.stderr and r.stderr.startswith("Process producer:\n"), shown(r)
    assert "consumer: nothing for 2 s, giving up" in r.stdout, shown(r)
    assert "producer exit code 1, consumer exit code 0" in r.stdout, shown(r)


def console_encoding(r, method="spawn"):
    """console_encoding.py with one of the three fixes: the producer prints, the consumer finishes."""
    assert r.returncode == 0, shown(r)
    assert "UnicodeEncodeError" not in r.stderr, shown(r)
    assert "生产 0\n生产 1\n消费 0\n消费 1\n" in r.stdout, shown(r)  # the consumer prints after the producer
    assert "producer exit code 0, consumer exit code 0" in r.stdout, shown(r)


def kernel_json(r):
    """The facts kernel_child_output.py recorded (its last line: ``json: {...}``)."""
    return json_record(r)


def kernel_child_output(r, method="spawn", fd_capture=False):
    """kernel_child_output.py: a real kernel, whose __main__ has no file, starts a child. The cell's
    own print reaches the notebook; the child's lines land where the prose says, by method and OS:
    a forked child inherits ipykernel's streams (the notebook); a spawned one writes to the kernel's
    real stdout and stderr, the server's console, which ipykernel copies into the notebook only on
    Linux and macOS, and only when it captures file descriptors (its default there)."""
    assert r.returncode == 0, shown(r)
    data = kernel_json(r)
    assert data["main_file"] is None and data["fd_capture"] == fd_capture, data
    assert (data["child_name"], data["child_exitcode"], data["start_method"]) == ("child-1", 0, method), data
    assert len({data["server_pid"], data["kernel_pid"], data["child_pid"]}) == 3, data
    if method == "fork":
        child = "notebook"
    elif fd_capture and sys.platform != "win32":
        child = "notebook and console"
    else:
        child = "console"
    expected = {"kernel's print": "notebook", "child's stdout": child, "child's stderr": child}
    assert data["landed"] == expected, shown(r)
    for what, place in expected.items():  # the summary the page shows, line by line
        assert f"{what:<15} {data['lines'][what]!r} landed in: {place}\n" in r.stdout, shown(r)


def joblib_in_notebook(by_reference, by_value, results):
    """The notebook's f: pickle names it (module __main__, name f), cloudpickle carries its code, and
    joblib's loky workers run it."""
    assert b"__main__" in by_reference and b"CodeType" not in by_reference and len(by_reference) < 40
    assert b"CodeType" in by_value and len(by_value) > 5 * len(by_reference), (len(by_value), len(by_reference))
    assert results == [0, 1, 4, 9, 16], results
