"""What chapter 12 (notebooks/12_debugging.ipynb, debugging and logging) checks in its scripts' runs.

The chapter's hidden check cells and tests/test_ch12_debugging.py call the same functions. Each
takes the ``subprocess.CompletedProcess`` that ``launch.run()`` returned for one script and the
start method it ran with, and asserts everything the chapter says about that run.
"""

import json
import multiprocessing.process
import re
import sys

from examples_scripts.checks import shown

PREFIX = {"spawn": "Spawn", "fork": "Fork", "forkserver": "ForkServer"}
VALUE_ERROR = "ValueError: invalid literal for int() with base 10: 'forty-two'"
CAUSE = (
    "\n\nThe above exception was the direct cause of the following exception:\n\nTraceback (most recent call last):\n"
)
ASSERTS = multiprocessing.process.BaseProcess.start.__doc__ is not None  # False: stdlib built without asserts
DAEMONIC = "AssertionError: daemonic processes are not allowed to have children"


def child_tracebacks(r, method="spawn"):
    """child_tracebacks.py: a Process's child prints its own traceback (exit code 1); Pool and executor
    re-raise in the parent, chained to the worker's traceback as text."""
    assert r.returncode == 0, shown(r)
    process_part, pool_part, executor_part = re.split(r"=== \d\. .* ===\n", r.stderr)[1:]
    assert process_part.startswith(f"Process {PREFIX[method]}Process-1:\nTraceback (most recent call last):\n"), shown(
        r
    )
    assert process_part.endswith(f"{VALUE_ERROR}\nparent: nothing was raised here; exitcode = 1\n"), shown(r)
    assert pool_part.startswith('multiprocessing.pool.RemoteTraceback: \n"""\nTraceback (most recent call last):\n'), (
        shown(r)
    )
    assert executor_part.startswith(
        'concurrent.futures.process._RemoteTraceback: \n"""\nTraceback (most recent call last):\n'
    ), shown(r)
    for part in (pool_part, executor_part):
        assert f'{VALUE_ERROR}\n"""{CAUSE}' in part and part.rstrip().endswith(VALUE_ERROR), shown(r)
        remote, local = part.split(CAUSE)
        assert "in parse_number" in remote and "in parse_number" not in local, shown(r)  # the worker's frames
    assert 'child_tracebacks.py", line 20, in parse_number' in pool_part, shown(r)  # the line the prose quotes
    data = tracebacks_json(r)  # what the figure draws
    assert data["process"]["name"] == f"{PREFIX[method]}Process-1" and data["process"]["exitcode"] == 1, data
    assert (data["pool"]["raised"], data["pool"]["cause"]) == ("ValueError", "RemoteTraceback"), data
    assert (data["executor"]["raised"], data["executor"]["cause"]) == ("ValueError", "_RemoteTraceback"), data
    assert data["pool"]["last_line"] == data["executor"]["last_line"] == VALUE_ERROR, data


def tracebacks_json(r):
    """What child_tracebacks.py recorded for the figure (its stdout's one line: ``json: {...}``)."""
    (line,) = r.stdout.splitlines()
    assert line.startswith("json: "), shown(r)
    return json.loads(line.removeprefix("json: "))


def exit_codes_table(r, method="spawn"):
    """exit_codes_table.py: each way of ending gives its code; kill() is -9 on POSIX and -15 on Windows."""
    assert r.returncode == 0, shown(r)
    killed = (
        ("-15", "terminated (Windows reports -SIGTERM)")
        if sys.platform == "win32"
        else ("-9", "ended by signal SIGKILL")
    )
    terminated = "terminated (Windows reports -SIGTERM)" if sys.platform == "win32" else "ended by signal SIGTERM"
    assert [
        line.split(None, 2) if not line.startswith("runs_forever") else line.split(None, 5)
        for line in r.stdout.splitlines()
    ] == [
        ["returns", "exitcode", "0  success"],
        ["raises", "exitcode", "1  error or sys.exit(code)"],
        ["calls_sys_exit", "exitcode", "3  error or sys.exit(code)"],
        ["calls_os_exit", "exitcode", "4  error or sys.exit(code)"],
        ["runs_forever", "+", "terminate()", "exitcode", "-15", terminated],
        ["runs_forever", "+", "kill()", "exitcode", killed[0], killed[1]],
    ], shown(r)
    assert r.stderr.rstrip().endswith("RuntimeError: uncaught"), shown(r)


def log_to_stderr(r, method="spawn", level="INFO"):
    """log_to_stderr.py: the child's start and end, and the parent's clean-up; DEBUG adds its finalizers.

    A child logs "process shutting down" before "process exiting" up to 3.12, after it from 3.13
    (where a child's exit handlers run through atexit)."""
    assert r.returncode == 0, shown(r)
    assert r.stdout == "hello from the child\n", shown(r)
    lines = r.stderr.splitlines()
    child = f"{PREFIX[method]}Process-1"
    for line in [
        "[INFO/MainProcess] parent: starting one child",
        f"[INFO/{child}] child process calling self.run()",
        f"[INFO/{child}] process shutting down",
        f"[INFO/{child}] process exiting with exitcode 0",
        "[INFO/MainProcess] parent: child exit code 0",
        "[INFO/MainProcess] process shutting down",
    ]:
        assert line in lines, line + shown(r)
    assert lines.index(f"[INFO/{child}] child process calling self.run()") < lines.index(
        "[INFO/MainProcess] parent: child exit code 0"
    ), shown(r)
    shutting_down = lines.index(f"[INFO/{child}] process shutting down")
    exiting = lines.index(f"[INFO/{child}] process exiting with exitcode 0")
    assert (shutting_down > exiting) == (sys.version_info >= (3, 13)), shown(r)
    if level == "DEBUG":
        assert '[DEBUG/MainProcess] running all "atexit" finalizers with priority >= 0' in lines, shown(r)


def logging_queue(r, method="spawn"):
    """logging_queue.py: one file holds the parent's and both workers' records, each with its process
    name; the temporary folder is gone. Which worker ran which task is not fixed."""
    assert r.returncode == 0, shown(r)
    out = r.stdout.splitlines()
    assert out[0] == "--- run.log: the only file, written by the parent's listener ---", shown(r)
    assert out[-1] == "temporary directory removed: True", shown(r)
    records = out[1:-1]
    # not necessarily first: the parent's record waits in its queue's feeder thread, and a forked
    # worker's own feeder can reach the pipe before it (seen once under load)
    assert sum(rec.split() == ["MainProcess", "INFO", "parent:", "starting", "2", "workers"] for rec in records) == 1, (
        shown(r)
    )
    # last for certain: logged after pool.join(), when both workers have flushed their records and exited
    assert records[-1].split() == ["MainProcess", "INFO", "results:", "[0,", "1,", "4,", "9,", "16,", "25]"], shown(r)
    names = {rec.split()[0] for rec in records}
    assert names == {"MainProcess", f"{PREFIX[method]}PoolWorker-1", f"{PREFIX[method]}PoolWorker-2"}, shown(r)
    assert sum(rec.endswith("worker ready") for rec in records) == 2, shown(r)
    for i in range(6):
        assert sum(rec.split()[1:] == ["INFO", "task", str(i), "done"] for rec in records) == 1, f"task {i}" + shown(r)
    assert sum("WARNING task 3: 3 is unlucky, squaring anyway" in rec for rec in records) == 1, shown(r)
    assert len(records) == 11, shown(r)


def faulthandler_hang(r, method="spawn"):
    """faulthandler_hang.py: after 1 s the dump names our function and line, innermost first; the worker
    exits with 1."""
    assert r.returncode == 0, shown(r)
    assert r.stdout == "parent: worker exit code 1\n", shown(r)
    lines = r.stderr.splitlines()
    assert lines[0] == "Timeout (0:00:01)!", shown(r)
    # 3.11-3.13: "Thread 0x... (most recent call first):"; 3.14 adds the name: "Thread 0x... [python] (...)"
    assert re.fullmatch(r"Thread 0x[0-9a-f]+( \[.*\])? \(most recent call first\):", lines[1]), shown(r)
    ours = [line for line in lines if "faulthandler_hang.py" in line]
    assert re.fullmatch(r'  File ".*faulthandler_hang\.py", line \d+ in wait_for_task', ours[0]), shown(r)
    assert ours[1].endswith(" in worker"), shown(r)
    assert 'faulthandler_hang.py", line 17 in wait_for_task' in r.stderr, shown(r)  # the line the prose quotes


def pool_ctrl_c(r, method="spawn"):
    """broken/pool_ctrl_c.py: POSIX, a traceback from each of the 2 workers, then the parent's, or a hang
    in Pool.terminate() that the watchdog ends with status 3 (timing decides which); Windows, one line."""
    if sys.platform == "win32":
        assert r.returncode == 1, shown(r)
        assert r.stderr.strip() == "this demo sends SIGINT to the workers, which Windows cannot do: see the chapter", (
            shown(r)
        )
        return
    hung = "watchdog: still shutting down after 5 s: the pool hangs in terminate()"
    # ended by SIGINT (a shell shows 130), or hung in Pool.terminate() until the watchdog's exit 3
    assert (r.returncode, hung in r.stderr) in [(-2, False), (3, True)], shown(r)
    assert r.stdout == "got 0\n", shown(r)
    # interrupted one at a time, in name order
    workers = re.findall(rf"^Process {PREFIX[method]}PoolWorker-(\d+):$", r.stderr, re.M)
    assert workers == ["1", "2"], shown(r)
    if r.returncode == 3:  # the parent never got to print its own traceback
        assert r.stderr.count("KeyboardInterrupt") == 2, shown(r)
        return
    assert r.stderr.count("KeyboardInterrupt") == 3, shown(r)  # 2 workers + the parent
    # the parent's traceback comes last; 3.13+ underline the call with ~~~^^^ markers
    assert re.search(r"signal\.raise_signal\(signal\.SIGINT\)\n(    [~^]+\n)?KeyboardInterrupt\n\Z", r.stderr), shown(r)


def fixed_pool_ctrl_c(r, method="spawn"):
    """fixed/pool_ctrl_c.py: one message, no traceback, exit status 130 (on Windows too: the parent
    interrupts itself)."""
    assert r.returncode == 130, shown(r)
    assert r.stdout == "got 0\n", shown(r)
    assert r.stderr == "interrupted: stopping the workers\n", shown(r)  # no traceback at all


def progress_bar(r, method="spawn"):
    """progress_bar.py: both bars reach 100% with 8 of 8, in ASCII; the results are complete."""
    assert r.returncode == 0, shown(r)
    assert r.stdout.splitlines() == [
        "Pool results:     [0, 1, 4, 9, 16, 25, 36, 49]",
        "Executor results: [0, 1, 4, 9, 16, 25, 36, 49]",
    ], shown(r)
    final = {}
    for line in r.stderr.splitlines():  # universal newlines turned each redraw into a line
        if "|" in line:
            final[line.split(":")[0]] = line
    assert list(final) == ["imap_unordered", "as_completed  "], shown(r)
    for line in final.values():
        assert re.search(r": 100%\|#+\| 8/8 \[", line), shown(r)
    assert r.stderr.isascii(), shown(r)


def nested_pool(r, method="spawn"):
    """broken/nested_pool.py: the worker's AssertionError, re-raised in the parent by get(); a stdlib
    without asserts (Python's Windows embeddable build) skips the check and the inner pool starts."""
    if not ASSERTS:
        assert r.stdout == "[5, 14]\n", shown(r)
        return
    assert r.returncode == 1, shown(r)
    assert r.stderr.startswith('multiprocessing.pool.RemoteTraceback: \n"""\n'), shown(r)
    assert r.stderr.count(DAEMONIC) == 2 and r.stderr.rstrip().endswith(DAEMONIC), shown(r)
    assert CAUSE in r.stderr, shown(r)
    assert "leaked semaphore" not in r.stderr, shown(r)


def fixed_nested_pool(r, method="spawn"):
    """fixed/nested_pool.py: executor workers are not daemonic and may start a Pool; the flat pool gives
    the same sums."""
    assert r.returncode == 0, shown(r)
    assert r.stdout.splitlines() == [
        "fix 1: a ProcessPoolExecutor outside, a Pool inside each worker",
        "   sum_of_squares(3) = 5   in a worker with daemon=False",
        "   sum_of_squares(4) = 14  in a worker with daemon=False",
        "fix 2: one flat Pool over every (n, x) pair, summed in the parent",
        "   sum_of_squares(3) = 5",
        "   sum_of_squares(4) = 14",
    ], shown(r)


def ch12_ex1_log_exceptions(r, method="spawn"):
    """solutions/ch12_ex1_log_exceptions.py (exercise ch12-ex1): the worker's name, the input and the full
    traceback in the log file; the parent still got the exception."""
    assert r.returncode == 0, shown(r)
    log = r.stdout.splitlines()
    # the worker's and the parent's records race through the queue: no order between them
    parent = "MainProcess INFO parent: the pool re-raised ValueError"
    assert parent in log, shown(r)
    worker = [line for line in log if line != parent]
    assert worker[0] == f"{PREFIX[method]}PoolWorker-1 ERROR could not parse 'forty-two'", shown(r)
    assert worker[1] == "Traceback (most recent call last):", shown(r)
    assert worker[-1] == VALUE_ERROR, shown(r)


def ch12_ex2_join_all(r, method="spawn"):
    """solutions/ch12_ex2_join_all.py (exercise ch12-ex2): one error naming every child that failed."""
    assert r.returncode == 0, shown(r)
    assert r.stdout == (
        "3 of 4 children failed: raises exit code 1; exits_4 exit code 4; stuck still running after 0.5 s, terminated\n"
    ), shown(r)
