"""Chapter 12: tracebacks, exit codes, logging, faulthandler, Ctrl-C, progress bars, nested pools."""
import multiprocessing.process
import re
import sys

import pytest

from examples_scripts.launch import run

PREFIX = {"spawn": "Spawn", "fork": "Fork", "forkserver": "ForkServer"}
VALUE_ERROR = "ValueError: invalid literal for int() with base 10: 'forty-two'"
CAUSE = ("\n\nThe above exception was the direct cause of the following exception:\n\n"
         "Traceback (most recent call last):\n")
ASSERTS = multiprocessing.process.BaseProcess.start.__doc__ is not None  # False: stdlib built without asserts


def test_where_a_childs_traceback_goes(method):
    r = run("child_tracebacks.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    process_part, pool_part, executor_part = re.split(r"=== \d\. .* ===\n", r.stderr)[1:]
    # Process: the child prints it; the parent only gets exit code 1
    assert process_part.startswith(f"Process {PREFIX[method]}Process-1:\nTraceback (most recent call last):\n")
    assert process_part.endswith(f"{VALUE_ERROR}\nparent: nothing was raised here; exitcode = 1\n")
    # Pool and executor: re-raised in the parent, chained to the remote traceback text
    assert pool_part.startswith('multiprocessing.pool.RemoteTraceback: \n"""\nTraceback (most recent call last):\n')
    assert executor_part.startswith(
        'concurrent.futures.process._RemoteTraceback: \n"""\nTraceback (most recent call last):\n')
    for part in (pool_part, executor_part):
        assert f'{VALUE_ERROR}\n"""{CAUSE}' in part
        assert part.rstrip().endswith(VALUE_ERROR)
        remote, local = part.split(CAUSE)
        assert "in parse_number" in remote and "in parse_number" not in local


def test_exit_codes(method):
    r = run("exit_codes_table.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    killed = ("-15", "terminated (Windows reports -SIGTERM)") if sys.platform == "win32" \
        else ("-9", "ended by signal SIGKILL")
    terminated = "terminated (Windows reports -SIGTERM)" if sys.platform == "win32" else "ended by signal SIGTERM"
    assert [line.split(None, 2) if not line.startswith("runs_forever") else line.split(None, 5)
            for line in r.stdout.splitlines()] == [
        ["returns", "exitcode", "0  success"],
        ["raises", "exitcode", "1  error or sys.exit(code)"],
        ["calls_sys_exit", "exitcode", "3  error or sys.exit(code)"],
        ["calls_os_exit", "exitcode", "4  error or sys.exit(code)"],
        ["runs_forever", "+", "terminate()", "exitcode", "-15", terminated],
        ["runs_forever", "+", "kill()", "exitcode", killed[0], killed[1]],
    ]
    assert r.stderr.rstrip().endswith("RuntimeError: uncaught")


def test_log_to_stderr_shows_children_start_and_end(method):
    r = run("log_to_stderr.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    lines = r.stderr.splitlines()
    child = f"{PREFIX[method]}Process-1"
    for line in ["[INFO/MainProcess] parent: starting one child",
                 f"[INFO/{child}] child process calling self.run()",
                 f"[INFO/{child}] process shutting down",
                 f"[INFO/{child}] process exiting with exitcode 0",
                 "[INFO/MainProcess] parent: child exit code 0",
                 "[INFO/MainProcess] process shutting down"]:
        assert line in lines, line
    assert lines.index(f"[INFO/{child}] child process calling self.run()") < \
        lines.index("[INFO/MainProcess] parent: child exit code 0")
    assert r.stdout == "hello from the child\n"


def test_log_to_stderr_debug_level(method):
    r = run("log_to_stderr.py", "--start-method", method, "--level", "DEBUG", echo=False)
    assert r.returncode == 0, r.stderr
    assert '[DEBUG/MainProcess] running all "atexit" finalizers with priority >= 0' in r.stderr.splitlines()


def test_queue_logging_puts_every_workers_records_in_one_file(method):
    r = run("logging_queue.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    out = r.stdout.splitlines()
    assert out[0] == "--- run.log: the only file, written by the parent's listener ---"
    assert out[-1] == "temporary directory removed: True"
    records = out[1:-1]
    # not necessarily first: the parent's record waits in its queue's feeder thread, and a forked
    # worker's own feeder can reach the pipe before it (seen once under load)
    assert sum(rec.split() == ["MainProcess", "INFO", "parent:", "starting", "2", "workers"] for rec in records) == 1
    assert records[-1].split() == ["MainProcess", "INFO", "results:", "[0,", "1,", "4,", "9,", "16,", "25]"]
    names = {rec.split()[0] for rec in records}
    assert names == {"MainProcess", f"{PREFIX[method]}PoolWorker-1", f"{PREFIX[method]}PoolWorker-2"}, names
    assert sum(rec.endswith("worker ready") for rec in records) == 2
    for i in range(6):
        assert sum(rec.split()[1:] == ["INFO", "task", str(i), "done"] for rec in records) == 1, i
    assert sum("WARNING task 3: 3 is unlucky, squaring anyway" in rec for rec in records) == 1
    assert len(records) == 11


def test_faulthandler_dumps_the_hung_workers_stack(method):
    r = run("faulthandler_hang.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "parent: worker exit code 1\n"
    lines = r.stderr.splitlines()
    assert lines[0] == "Timeout (0:00:01)!"
    # 3.11-3.13: "Thread 0x... (most recent call first):"; 3.14 adds the name: "Thread 0x... [python] (...)"
    assert re.fullmatch(r"Thread 0x[0-9a-f]+( \[.*\])? \(most recent call first\):", lines[1]), lines[1]
    ours = [line for line in lines if "faulthandler_hang.py" in line]
    assert re.fullmatch(r'  File ".*faulthandler_hang\.py", line \d+ in wait_for_task', ours[0]), ours
    assert ours[1].endswith(" in worker")


@pytest.mark.skipif(sys.platform == "win32", reason="a program cannot send Ctrl-C (SIGINT) to its pool "
                    "workers on Windows; the script says so and exits, see test_ctrl_c_demo_explains_on_windows")
def test_ctrl_c_without_handling_prints_a_traceback_per_worker(method):
    r = run("broken/pool_ctrl_c.py", "--start-method", method, echo=False, timeout=30)
    # ended by SIGINT (a shell shows 130), or hung in Pool.terminate() until the watchdog's exit 3
    hung = "watchdog: still shutting down after 5 s: the pool hangs in terminate()"
    assert (r.returncode, hung in r.stderr) in [(-2, False), (3, True)], r.stderr
    assert r.stdout == "got 0\n"
    assert len(re.findall(rf"^Process {PREFIX[method]}PoolWorker-\d+:$", r.stderr, re.M)) == 2
    if r.returncode == 3:   # the parent never got to print its own traceback
        assert r.stderr.count("KeyboardInterrupt") == 2
        return
    assert r.stderr.count("KeyboardInterrupt") == 3      # 2 workers + the parent
    # 3.13+ underline the call with ~~~^^^ markers
    assert re.search(r"signal\.raise_signal\(signal\.SIGINT\)\n(    [~^]+\n)?KeyboardInterrupt\n\Z", r.stderr)


@pytest.mark.skipif(sys.platform != "win32", reason="Windows only")
def test_ctrl_c_demo_explains_on_windows(method):
    r = run("broken/pool_ctrl_c.py", "--start-method", method, echo=False, timeout=60)
    assert r.returncode == 1
    assert r.stderr.strip() == "this demo sends SIGINT to the workers, which Windows cannot do: see the chapter"


def test_ctrl_c_handled_cleanly(method):
    r = run("fixed/pool_ctrl_c.py", "--start-method", method, echo=False, timeout=30)
    assert r.returncode == 130
    assert r.stdout == "got 0\n"
    assert r.stderr == "interrupted: stopping the workers\n"   # no traceback at all


def test_progress_bar_final_state(method):
    pytest.importorskip("tqdm")
    r = run("progress_bar.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["Pool results:     [0, 1, 4, 9, 16, 25, 36, 49]",
                                     "Executor results: [0, 1, 4, 9, 16, 25, 36, 49]"]
    final = {}
    for line in r.stderr.splitlines():   # universal newlines turned each redraw into a line
        if "|" in line:
            final[line.split(":")[0]] = line
    assert list(final) == ["imap_unordered", "as_completed  "]
    for line in final.values():
        assert re.search(r": 100%\|#+\| 8/8 \[", line), line
    assert r.stderr.isascii()


@pytest.mark.skipif(not ASSERTS, reason="this Python's stdlib is compiled without asserts (like -OO, e.g. "
                    "the Windows embeddable build): the daemon check is skipped and the inner pool starts")
def test_nested_pool_fails_with_daemonic_assertion(method):
    r = run("broken/nested_pool.py", "--start-method", method, echo=False, timeout=60)
    daemonic = "AssertionError: daemonic processes are not allowed to have children"
    assert r.returncode == 1
    assert r.stderr.startswith('multiprocessing.pool.RemoteTraceback: \n"""\n')
    assert r.stderr.count(daemonic) == 2 and r.stderr.rstrip().endswith(daemonic)
    assert CAUSE in r.stderr
    assert "leaked semaphore" not in r.stderr


@pytest.mark.skipif(ASSERTS, reason="only a stdlib without asserts lets the inner pool start")
def test_nested_pool_runs_where_asserts_are_compiled_out(method):
    r = run("broken/nested_pool.py", "--start-method", method, echo=False, timeout=60)
    assert r.stdout == "[5, 14]\n"


def test_nested_pool_fixes(method):
    r = run("fixed/nested_pool.py", "--start-method", method, echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "fix 1: a ProcessPoolExecutor outside, a Pool inside each worker",
        "   sum_of_squares(3) = 5   in a worker with daemon=False",
        "   sum_of_squares(4) = 14  in a worker with daemon=False",
        "fix 2: one flat Pool over every (n, x) pair, summed in the parent",
        "   sum_of_squares(3) = 5",
        "   sum_of_squares(4) = 14",
    ]


def test_exercise_1_exception_logged_with_traceback(method):
    r = run("solutions/ch12_ex1_log_exceptions.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    log = r.stdout.splitlines()
    # the worker's and the parent's records race through the queue: no order between them
    parent = "MainProcess INFO parent: the pool re-raised ValueError"
    assert parent in log
    worker = [line for line in log if line != parent]
    assert worker[0] == f"{PREFIX[method]}PoolWorker-1 ERROR could not parse 'forty-two'"
    assert worker[1] == "Traceback (most recent call last):"
    assert worker[-1] == VALUE_ERROR


def test_exercise_2_join_all_reports_every_failure(method):
    r = run("solutions/ch12_ex2_join_all.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ("3 of 4 children failed: raises exit code 1; exits_4 exit code 4; "
                        "stuck still running after 0.5 s, terminated\n")
