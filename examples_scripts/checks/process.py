"""What chapter 3 (notebooks/03_process.ipynb) must show: one function per script it runs.

Each function takes the ``subprocess.CompletedProcess`` that ``launch.run()`` returned and the
start method the script was given, and asserts every line the chapter and its tests rely on.
The chapter's hidden check cells and tests/test_ch03_process.py both call them.
"""

import json
import multiprocessing.process
import re
import sys

from examples_scripts.checks import shown

PREFIX = {"spawn": "Spawn", "fork": "Fork", "forkserver": "ForkServer"}
# TerminateProcess on Windows: terminate() and kill() both report -15; POSIX: SIGTERM, SIGKILL
EXIT_CODES = {"terminate": -15, "kill": -15} if sys.platform == "win32" else {"terminate": -15, "kill": -9}
# False in a stdlib built without docstrings and asserts (like -OO, e.g. some Windows builds):
# there a daemon's start() does not raise AssertionError
ASSERTS = multiprocessing.process.BaseProcess.start.__doc__ is not None


LIFECYCLE_STEPS = [
    ("parent", "Process() created"),
    ("parent", "start() called"),
    ("parent", "start() returned"),
    ("parent", "go.set(): child may finish"),
    ("parent", "sentinel ready"),
    ("parent", "join() returned: exitcode 0"),
    ("child", "target running"),
    ("child", "target returns"),
]


def process_lifecycle(r, method="spawn"):
    """The attributes change as the chapter's table says, and the lines come in this order every
    time: the child waits on an Event until the parent has looked at it. The last line, ``json:``,
    holds this run's times of each step, in an order that causes fix: returns the record."""
    out, _, raw = r.stdout.rpartition("json: ")
    assert r.returncode == 0, shown(r)
    name = f"{PREFIX[method]}Process-1"
    assert "parent: I am 'MainProcess'" in out and "parent_process() is None" in out, shown(r)
    assert f"before start: name='{name}' pid=None is_alive=False exitcode=None" in out, shown(r)
    assert re.search(r"after start:  pid=\d+ is_alive=True exitcode=None", out), shown(r)
    assert (
        "close() while running -> ValueError: Cannot close a process while it is still running. "
        "You should first call join() or terminate()."
    ) in out, shown(r)
    assert re.search(r"after join:   pid=\d+ is_alive=False exitcode=0", out), shown(r)
    assert "after close:  p.exitcode -> ValueError: process object is closed" in out, shown(r)
    parent_pid = re.search(r"parent: I am 'MainProcess', pid (\d+); parent_process\(\) is None", out)[1]
    child_pid = re.search(r"after start:  pid=(\d+)", out)[1]
    assert f"child:  I am '{name}', pid {child_pid}; parent_process() is 'MainProcess', pid {parent_pid}" in out, shown(
        r
    )
    # the forkserver's children are the server's: os.getppid() is not your program
    assert f"os.getppid() == parent_process().pid: {method != 'forkserver'}" in out, shown(r)
    firsts = [line.split(":")[0] for line in out.splitlines()]
    assert firsts == [
        "parent",
        "before start",
        "after start",
        "close() while running -> ValueError",
        "child",
        "child",
        "after join",
        "after close",
    ], shown(r)
    record = json.loads(raw)
    assert record["start_method"] == method, shown(r)
    assert record["pids"] == {"parent": int(parent_pid), "child": int(child_pid)}, shown(r)
    assert [(e["lane"], e["what"]) for e in record["events"]] == LIFECYCLE_STEPS, shown(r)
    ms = {e["what"]: e["ms"] for e in record["events"]}
    parent = [e["ms"] for e in record["events"] if e["lane"] == "parent"]
    assert parent == sorted(parent) and parent[0] == 0, shown(r)  # one thread: its times in order
    # one clock (time.time()) in both processes: the child ran after start() and ended before the sentinel
    assert ms["start() called"] <= ms["target running"] <= ms["target returns"] <= ms["sentinel ready"], shown(r)
    return record


def child_exception(r, method="spawn"):
    """The child prints its traceback; the parent catches nothing and only sees exit code 1."""
    assert r.returncode == 0, shown(r)  # the parent itself is fine
    assert r.stderr.startswith(f"Process {PREFIX[method]}Process-1:\nTraceback (most recent call last):\n"), shown(r)
    assert r.stderr.rstrip().endswith("ValueError: invalid literal for int() with base 10: 'forty-two'"), shown(r)
    assert r.stdout == "parent: join() returned normally; the child's exit code is 1\n", shown(r)


def return_value(r, method="spawn"):
    """The value is lost with a bare Process, and arrives through a Queue and through a Pool."""
    assert r.returncode == 0, shown(r)
    assert r.stdout.splitlines() == [
        "Process(target=square, args=(7,)): exit code 0; the 49 is lost",
        "through a Queue: square(7) = 49; exit code 0",
        "through a Pool:  square(7) = 49",
    ], shown(r)


def terminate_kill(r, method="spawn"):
    """join(timeout) leaves the looping child alive; the exit codes are the platform's; no
    clean-up runs in a terminated child."""
    assert r.returncode == 0, shown(r)
    assert r.stdout.splitlines() == [
        "join(timeout=0.2) returned: is_alive=True exitcode=None",
        f"after terminate(): is_alive=False exitcode={EXIT_CODES['terminate']}",
        "join(timeout=0.2) returned: is_alive=True exitcode=None",
        f"after kill(): is_alive=False exitcode={EXIT_CODES['kill']}",
    ], shown(r)
    assert "finally block ran" not in r.stdout, shown(r)


def daemon_children(r, method="spawn"):
    """The daemon could not start a child (where asserts exist) and was terminated at exit; the
    normal child was waited for, and finished after main() had returned (it waits for that)."""
    assert r.returncode == 0, shown(r)
    lines = r.stdout.splitlines()
    assert "daemon: finally block ran" not in r.stdout, shown(r)
    # in this order: the parent waits for the daemon's line, the normal child for the parent's
    assert lines[1:] == ["parent: main() returns without joining anyone", "normal child: finished its work"], shown(r)
    if ASSERTS:
        assert lines[0] == ("daemon: start() -> AssertionError: daemonic processes are not allowed to have children"), (
            shown(r)
        )
    else:
        assert lines[0].startswith("daemon: started a child anyway (asserts are off)"), shown(r)


def seed_workers(r, method="spawn"):
    """The blog post's first example, corrected: the same lines in the same order every time."""
    assert r.returncode == 0, shown(r)
    assert r.stdout.splitlines() == [
        *(f"Worker {i} done in {PREFIX[method]}Process-{i + 1}" for i in range(5)),
        "exit codes: [0, 0, 0, 0, 0]",
    ], shown(r)


def ch03_ex1_exit_codes(r, method="spawn"):
    """Exercise ch03-ex1: 0, 3, 1 and 1, with the message and the traceback on the child's stderr."""
    assert r.returncode == 0, shown(r)
    assert [line.split() for line in r.stdout.splitlines()] == [
        ["returns", "->", "exit", "code", "0"],
        ["exits_3", "->", "exit", "code", "3"],
        ["exits_with_message", "->", "exit", "code", "1"],
        ["raises", "->", "exit", "code", "1"],
    ], shown(r)
    assert r.stderr.startswith("bad input\n"), shown(r)
    assert f"Process {PREFIX[method]}Process-4:\nTraceback" in r.stderr, shown(r)
    assert r.stderr.rstrip().endswith("RuntimeError: something broke"), shown(r)


def ch03_ex2_deadline(r, method="spawn"):
    """Exercise ch03-ex2: the quick child ends by itself; the stuck one is terminated."""
    assert r.returncode == 0, shown(r)
    assert r.stdout.splitlines() == [
        "quick  deadline   20 s: finished in time=True, exit code 0",
        "stuck  deadline  0.3 s: finished in time=False, exit code -15",
    ], shown(r)
