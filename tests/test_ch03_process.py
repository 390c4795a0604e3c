"""Chapter 3: one Process from start to finish, under every start method."""
import multiprocessing.process
import re
import sys

import pytest

from examples_scripts.launch import run

PREFIX = {"spawn": "Spawn", "fork": "Fork", "forkserver": "ForkServer"}
# TerminateProcess on Windows: terminate() and kill() both report -15; POSIX: SIGTERM, SIGKILL
EXIT_CODES = {"terminate": -15, "kill": -15} if sys.platform == "win32" else {"terminate": -15, "kill": -9}


def test_lifecycle_attributes_names_pids_and_close(method):
    r = run("process_lifecycle.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    name = f"{PREFIX[method]}Process-1"
    out = r.stdout
    assert "parent: I am 'MainProcess'" in out and "parent_process() is None" in out
    assert f"before start: name='{name}' pid=None is_alive=False exitcode=None" in out
    assert re.search(r"after start:  pid=\d+ is_alive=True exitcode=None", out)
    assert ("close() while running -> ValueError: Cannot close a process while it is still running. "
            "You should first call join() or terminate().") in out
    assert re.search(r"after join:   pid=\d+ is_alive=False exitcode=0", out)
    assert "after close:  p.exitcode -> ValueError: process object is closed" in out
    parent_pid = re.search(r"parent: I am 'MainProcess', pid (\d+)", out)[1]
    child_pid = re.search(r"after start:  pid=(\d+)", out)[1]
    assert f"child:  I am '{name}', pid {child_pid}; parent_process() is 'MainProcess', pid {parent_pid}" in out
    # the forkserver's children are the server's: os.getppid() is not your program
    assert f"os.getppid() == parent_process().pid: {method != 'forkserver'}" in out


def test_lines_come_in_order(method):
    r = run("process_lifecycle.py", "--start-method", method, echo=False)
    firsts = [line.split(":")[0] for line in r.stdout.splitlines()]
    assert firsts == ["parent", "before start", "after start", "close() while running -> ValueError",
                      "child", "child", "after join", "after close"], r.stdout


def test_exception_in_child_only_reaches_the_parent_as_exit_code_1(method):
    r = run("child_exception.py", "--start-method", method, echo=False)
    assert r.returncode == 0   # the parent itself is fine
    assert r.stderr.startswith(f"Process {PREFIX[method]}Process-1:\nTraceback (most recent call last):\n")
    assert r.stderr.rstrip().endswith("ValueError: invalid literal for int() with base 10: 'forty-two'")
    assert "caught" not in r.stdout
    assert r.stdout == "parent: join() returned normally; the child's exit code is 1\n"


def test_return_value_is_lost_and_comes_back_through_queue_or_pool(method):
    r = run("return_value.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "Process(target=square, args=(7,)): exit code 0; the 49 is lost",
        "through a Queue: square(7) = 49; exit code 0",
        "through a Pool:  square(7) = 49",
    ]


def test_join_timeout_then_terminate_and_kill_exit_codes(method):
    r = run("terminate_kill.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "join(timeout=0.2) returned: is_alive=True exitcode=None",
        f"after terminate(): is_alive=False exitcode={EXIT_CODES['terminate']}",
        "join(timeout=0.2) returned: is_alive=True exitcode=None",
        f"after kill(): is_alive=False exitcode={EXIT_CODES['kill']}",
    ]
    assert "finally block ran" not in r.stdout   # no clean-up runs in a terminated child


def test_daemon_is_terminated_at_exit_and_the_normal_child_is_waited_for(method):
    r = run("daemon_children.py", "--start-method", method, echo=False, timeout=30)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "parent: main() returns without joining anyone" in lines
    assert "normal child: finished its work" in lines   # joined at exit, though main() never did
    assert "daemon: finally block ran" not in r.stdout


@pytest.mark.skipif(multiprocessing.process.BaseProcess.start.__doc__ is None,
                    reason="this Python's stdlib is compiled without docstrings and asserts (like -OO, "
                           "e.g. some Windows builds): the AssertionError cannot happen")
def test_a_daemon_cannot_have_children(method):
    r = run("daemon_children.py", "--start-method", method, echo=False)
    assert ("daemon: start() -> AssertionError: daemonic processes are not allowed to have children"
            in r.stdout.splitlines())


def test_seed_example_corrected_output_is_deterministic(method):
    r = run("seed_workers.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        *(f"Worker {i} done in {PREFIX[method]}Process-{i + 1}" for i in range(5)),
        "exit codes: [0, 0, 0, 0, 0]",
    ]


def test_exercise_1_exit_codes(method):
    r = run("solutions/ch03_ex1_exit_codes.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert [line.split() for line in r.stdout.splitlines()] == [
        ["returns", "->", "exit", "code", "0"],
        ["exits_3", "->", "exit", "code", "3"],
        ["exits_with_message", "->", "exit", "code", "1"],
        ["raises", "->", "exit", "code", "1"],
    ]
    assert r.stderr.startswith("bad input\n")
    assert f"Process {PREFIX[method]}Process-4:\nTraceback" in r.stderr
    assert r.stderr.rstrip().endswith("RuntimeError: something broke")


def test_exercise_2_deadline(method):
    r = run("solutions/ch03_ex2_deadline.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "quick  deadline   20 s: finished in time=True, exit code 0",
        "stuck  deadline  0.3 s: finished in time=False, exit code -15",
    ]
