"""The two tools of book/tools.md: check_setup.py reports each check as documented and fails for
real; run_as_windows.py reproduces the book's Windows failures on any OS, and passes the fixes.
Both answer bad input with argparse's usage and one error line. run_as_windows.py stops a run
that would hang (the bootstrapping error, --timeout), and whatever stops it (signals, even
SIGKILL) takes the script and every process under it along.

Scripts: check_setup.py, run_as_windows.py, broken/lambda_target.py (and, run through the
tool: globals_after_import.py, broken/no_main_guard.py, broken/pool_no_main_guard.py,
fixed/no_main_guard.py, console_encoding.py, reimport.py).
"""

import errno
import locale
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psutil
import pytest

from conftest import ROOT
from examples_scripts.launch import SCRIPTS, relative, run

BOOTSTRAP = "finished its bootstrapping phase"
CHARMAP = "UnicodeEncodeError: 'charmap' codec can't encode"
LINE_STARTS = ("[ok] ", "[warn] ", "[fail] ")
TOOL_USAGE = (
    "usage: run_as_windows.py [--encoding ENC] [--timeout SECONDS] (script.py | -c CODE | -m MODULE | -) [args ...]"
)
EVERYTHING = "run_as_windows: stopped the script and every process it started: "
STOPPED_AT_BOOTSTRAP = (
    "run_as_windows: stopped the run: a child died of the bootstrapping RuntimeError above "
    "(on Windows a Pool would now wait forever). The script starts processes when it is "
    'imported, and each spawned child imports it: start them only under if __name__ == "__main__":'
)
MARK = "RUN_AS_WINDOWS_TEST_RUN"  # an environment variable every process of one run inherits
POSIX_ONLY = pytest.mark.skipif(
    sys.platform == "win32",
    reason="POSIX signals: on Windows a program catches only "
    "Ctrl-C and Ctrl-Break, and they reach the whole console, not the tool alone",
)
# A script for -c: a child that sleeps (subprocess: -c code cannot spawn), then "ready" on stderr
SLEEPER = (
    "import subprocess, sys, time\n"
    "child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(60)'])\n"
    "print('ready', file=sys.stderr, flush=True)\n"
    "time.sleep(60)\n"
)


def script(name):
    """A companion script's path as the reader would type it, for run_as_windows.py's argument."""
    return relative(SCRIPTS / name)


def usage_error(r, prog, usage, error):
    """argparse's answer to a bad command line: its usage, one error line, exit status 2, nothing
    else (no traceback, nothing started)."""
    assert r.returncode == 2 and r.stdout == "", r
    *usage_lines, last = r.stderr.splitlines()
    assert " ".join(line.strip() for line in usage_lines) == usage, r.stderr  # argparse may wrap it
    assert last.startswith(f"{prog}: error: {error}"), r.stderr


@pytest.fixture
def mark():
    """A value for MARK: find every process of one run, wherever it ended up in the process tree."""
    return uuid.uuid4().hex


def left_running(mark, timeout=20):
    """The processes carrying ``mark`` that are still running after at most ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        alive = []
        for p in psutil.process_iter():
            try:
                if p.environ().get(MARK) == mark and p.status() != psutil.STATUS_ZOMBIE:
                    alive.append(p)
            except (psutil.Error, OSError):
                pass
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


# check_setup.py


def test_check_setup_passes_here(method):
    r = run("check_setup.py", "--start-method", method, echo=False, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 7 and all(line.startswith(LINE_STARTS) for line in lines), lines
    assert lines[0].startswith(f"[ok] Python {sys.version.split()[0]} (")
    assert "[ok] start methods available: " in r.stdout
    assert "[ok] a child's captured output is encoded as utf-8" in r.stdout  # run() asks for UTF-8
    assert f"[ok] a child started with {method} answered in " in r.stdout
    assert "[ok] not inside Jupyter" in r.stdout
    assert "[fail]" not in r.stdout


def test_check_setup_warns_when_captured_output_is_cp1252():
    r = run("check_setup.py", env={"PYTHONIOENCODING": "cp1252"}, echo=False, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr  # a warning is not a failure
    assert (
        "[warn] a child's captured output is encoded as cp1252: printing Chinese or emoji there "
        "raises UnicodeEncodeError. fix: set PYTHONIOENCODING=utf-8 or PYTHONUTF8=1"
    ) in r.stdout


def test_check_setup_fails_when_fed_on_stdin():
    """A real mistake: code without a file (stdin, -c, a notebook cell) cannot give a spawned child
    its functions. The child dies; the checker says so, with the fix, and exits with 1."""
    r = run("-", stdin="check_setup.py", echo=False, timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    assert (
        "[fail] a child started with spawn died with exit code 1 before answering. fix: run this file by its path"
    ) in r.stdout
    assert "<stdin>" in r.stderr  # the child's own traceback: it could not re-import '<stdin>'


def test_check_setup_fails_when_the_child_is_too_slow():
    """No process starts in a millisecond: the child check times out for real and is cleaned up."""
    r = run("check_setup.py", "--timeout", "0.001", echo=False, timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    assert (
        "[fail] a child started with spawn did not answer within 0.001 s. "
        "fix: a slow start (antivirus, network drive, Wine) needs a longer --timeout"
    ) in r.stdout


CHECK_SETUP_USAGE = "usage: check_setup.py [-h] [--start-method {%s}] [--timeout SECONDS]"


@pytest.mark.parametrize(
    "args, error",
    [
        (["--timeout", "0"], "argument --timeout: expected a positive number of seconds, got '0'"),
        (["--timeout", "-1"], "argument --timeout: expected a positive number of seconds, got '-1'"),
        (["--timeout", "nan"], "argument --timeout: expected a positive number of seconds, got 'nan'"),
        (["--timeout", "soon"], "argument --timeout: expected a positive number of seconds, got 'soon'"),
        (["--timeout"], "argument --timeout: expected one argument"),
        (["--start-method", "nonsense"], "argument --start-method: invalid choice: 'nonsense' (choose from "),
        (["--verbose"], "unrecognized arguments: --verbose"),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, list) else "",
)
def test_check_setup_refuses_a_bad_command_line(args, error):
    import multiprocessing as mp

    r = run("check_setup.py", *args, echo=False, timeout=60)
    usage_error(r, "check_setup.py", CHECK_SETUP_USAGE % ",".join(mp.get_all_start_methods()), error)


def test_check_setup_fails_when_there_is_no_python_to_spawn(tmp_path):
    """spawn runs a fresh Python: an embedded one, or one whose file is gone, has none to run.
    The check says so, with the fix, before it starts anything."""
    missing = str(tmp_path / "gone" / "python")
    code = (
        f"import multiprocessing as mp, sys; sys.path.insert(0, {str(ROOT)!r}); mp.set_executable({missing!r})\n"
        "from examples_scripts.check_setup import check_all; raise SystemExit(check_all())"
    )
    r = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stdout + r.stderr
    assert (
        f"[fail] a child cannot start with spawn: the Python it would run, {missing!r}, is not a file. "
        "fix: run this check with a Python installed on disk"
    ) in r.stdout
    assert len(r.stdout.splitlines()) == 7


def test_check_child_fails_where_multiprocessing_has_no_semaphores(monkeypatch, capsys):
    """AWS Lambda and some sandboxes have no named semaphores: creating a Queue raises
    OSError [Errno 38]. The check reports it on one line instead of a traceback."""
    from examples_scripts import check_setup

    class NoSemaphores:
        def Queue(self):
            raise OSError(errno.ENOSYS, "Function not implemented")

    monkeypatch.setattr(check_setup.mp, "get_context", lambda method: NoSemaphores())
    assert check_setup.check_child("spawn", 30) == "fail"
    assert capsys.readouterr().out == (
        f"[fail] creating a Queue for spawn raised OSError: [Errno {errno.ENOSYS}] Function not implemented. "
        "fix: multiprocessing needs named semaphores (on Linux, a writable /dev/shm); without them only "
        "threads work\n"
    )


def test_check_all_in_a_notebook_kernel():
    """check_all() imported into a real Jupyter kernel: it knows where it runs, and its child works."""
    from jupyter_client.manager import start_new_kernel

    km, kc = start_new_kernel(kernel_name="python3")
    out = []
    try:
        reply = kc.execute_interactive(
            f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
            "from examples_scripts.check_setup import check_all\n"
            "print('status', check_all(timeout=60))\n",
            output_hook=lambda msg: out.append(msg["content"].get("text", "")),
            timeout=120,
        )
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    out = "".join(out)
    assert reply["content"]["status"] == "ok", out
    assert "[warn] running inside Jupyter (ipykernel)" in out
    assert "[ok] a child started with spawn answered in " in out
    assert "status 0" in out


# run_as_windows.py


def test_run_as_windows_refuses_fork_like_windows():
    r = run("run_as_windows.py", script("globals_after_import.py"), "--start-method", "fork", echo=False, timeout=60)
    assert r.returncode == 2
    error = r.stderr.splitlines()[-1]  # 3.14 lists the choices without quotes
    assert error.startswith(
        "globals_after_import.py: error: argument --start-method: invalid choice: 'fork' (choose from "
    ), r.stderr
    assert error.endswith(("(choose from 'spawn')", "(choose from spawn)")), error


def test_run_as_windows_child_misses_globals_set_after_import():
    r = run("run_as_windows.py", script("globals_after_import.py"), echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "child sees SETTING = 'set at import'" in r.stdout


def test_run_as_windows_shows_the_missing_main_guard():
    r = run("run_as_windows.py", script("broken/no_main_guard.py"), echo=False, timeout=60)
    assert r.returncode == 1, r.stderr
    assert BOOTSTRAP in r.stderr and r.stderr.endswith(STOPPED_AT_BOOTSTRAP + "\n")
    assert r.stdout.startswith("module level: __name__ = '__main__', starting a child with spawn\n")


def test_run_as_windows_stops_a_pool_without_the_main_guard(mark):
    """Its workers die and are replaced: the tool stops the run at the first error. The script's
    own bounded wait (3 s) may end first or not: either way the result is the same."""
    r = run("run_as_windows.py", script("broken/pool_no_main_guard.py"), env={MARK: mark}, echo=False, timeout=60)
    assert r.returncode == 1, r.stderr
    assert BOOTSTRAP in r.stderr and r.stderr.endswith(STOPPED_AT_BOOTSTRAP + "\n")
    assert "squares:" not in r.stdout
    assert not left_running(mark)


def test_run_as_windows_stops_a_pool_that_would_wait_forever(tmp_path, mark):
    """The issue's case: Pool.map with no timeout, no main guard. On Windows it waits forever; the
    tool stops it at the bootstrapping error, well before --timeout, and leaves nothing running."""
    forever = tmp_path / "pool_forever.py"
    forever.write_text(
        "import multiprocessing as mp\n\n\ndef square(x):\n    return x * x\n\n\n"
        "with mp.Pool(2) as pool:\n    print(pool.map(square, range(5)))\n",
        encoding="utf-8",
    )
    start = time.monotonic()
    r = run("run_as_windows.py", "--timeout", "45", str(forever), env={MARK: mark}, echo=False, timeout=60)
    assert r.returncode == 1, r.stderr  # not 124 (--timeout) and not None (killed by run())
    assert time.monotonic() - start < 45
    assert BOOTSTRAP in r.stderr and r.stderr.endswith(STOPPED_AT_BOOTSTRAP + "\n")
    assert r.stdout == ""
    assert not left_running(mark)


def test_run_as_windows_passes_the_main_guard_fix():
    r = run("run_as_windows.py", script("fixed/no_main_guard.py"), echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "child exit code 0" in r.stdout and "squares: [0, 1, 4, 9, 16]" in r.stdout


def test_run_as_windows_shows_that_a_lambda_target_cannot_be_pickled():
    plain = run("broken/lambda_target.py", echo=False, timeout=60)
    default = plain.stdout.splitlines()[0].removeprefix("default start method: ")
    if default == "fork":  # Linux up to 3.13: the bug hides
        assert plain.returncode == 0 and "hello from the child" in plain.stdout, plain.stderr
    else:
        assert plain.returncode == 1 and "main.<locals>.<lambda>" in plain.stderr
    r = run("run_as_windows.py", script("broken/lambda_target.py"), echo=False, timeout=60)
    assert r.returncode == 1
    assert r.stdout.startswith("default start method: spawn")
    error = "PicklingError" if sys.version_info >= (3, 14) else "AttributeError"
    assert error in r.stderr and "local object" in r.stderr and "main.<locals>.<lambda>" in r.stderr
    assert "hello from the child" not in r.stdout


def test_run_as_windows_shows_a_script_on_stdin_cannot_spawn():
    r = run("run_as_windows.py", "-", "--start-method", "spawn", stdin="reimport.py", echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "<stdin>" in r.stderr and "guarded block: child exit code 1" in r.stdout


needs_cp1252 = pytest.mark.skipif(
    sys.platform == "win32" and locale.getpreferredencoding(False) != "cp1252",
    reason="on Windows the tool changes nothing: only an English one uses cp1252",
)


@needs_cp1252
def test_run_as_windows_shows_the_charmap_error_and_bounds_the_consumer():
    # PYTHONIOENCODING="" undoes run()'s UTF-8, so a real Windows falls back to its own cp1252
    r = run("run_as_windows.py", script("console_encoding.py"), env={"PYTHONIOENCODING": ""}, echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "parent: stdout encoding is cp1252" in r.stdout
    assert CHARMAP in r.stderr and "Process producer:" in r.stderr
    assert "consumer: nothing for 2 s, giving up" in r.stdout
    assert "producer exit code 1, consumer exit code 0" in r.stdout


@needs_cp1252
def test_run_as_windows_passes_the_reconfigure_fix():
    r = run(
        "run_as_windows.py",
        script("console_encoding.py"),
        "--reconfigure",
        env={"PYTHONIOENCODING": ""},
        echo=False,
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert "UnicodeEncodeError" not in r.stderr
    assert "生产 0\n生产 1\n消费 0\n消费 1\n" in r.stdout
    assert "producer exit code 0, consumer exit code 0" in r.stdout


def test_run_as_windows_keeps_the_exit_status_and_the_61_worker_limit():
    code = (
        "import multiprocessing as mp, concurrent.futures as cf\n"
        "print(mp.get_all_start_methods())\n"
        "try:\n    cf.ProcessPoolExecutor(max_workers=62)\n"
        "except ValueError as e:\n    print(e)\n"
        "raise SystemExit(3)\n"
    )
    r = run("run_as_windows.py", "-c", code, echo=False, timeout=60)
    assert r.returncode == 3, r.stderr
    assert r.stdout.splitlines() == ["['spawn']", "max_workers must be <= 61"]


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX terminal's Ctrl-C: SIGINT to the foreground group")
def test_run_as_windows_lets_the_script_handle_ctrl_c():
    import os
    import signal
    import subprocess

    code = (
        "import time\ntry:\n    print('ready', flush=True); time.sleep(20)\n"
        "except KeyboardInterrupt:\n    print('script got Ctrl-C', flush=True); raise SystemExit(5)\n"
    )
    proc = subprocess.Popen(
        [sys.executable, str(SCRIPTS / "run_as_windows.py"), "-c", code],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        assert proc.stdout.readline() == "ready\n"
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole foreground group
        assert proc.wait(timeout=20) == 5  # the tool waited for the script and kept its exit status
        assert proc.stdout.read() == "script got Ctrl-C\n"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.stdout.close()


def test_run_as_windows_timeout_stops_the_script_and_its_children(mark):
    r = run("run_as_windows.py", "--timeout", "2", "-c", SLEEPER, env={MARK: mark}, echo=False, timeout=60)
    assert r.returncode == 124, r.stderr
    assert "ready\n" in r.stderr
    assert r.stderr.endswith(EVERYTHING + "it was still running after --timeout 2 s\n")
    assert not left_running(mark)


@pytest.mark.parametrize(
    "args, stdin, error",
    [
        (
            ["--encoding", "bogus", "examples_scripts/reimport.py"],
            None,
            "unknown encoding 'bogus' (try cp1252, cp936 or utf-8)",
        ),
        (
            ["--encoding", "base64", "examples_scripts/reimport.py"],
            None,  # a codec, but not for text
            "unknown encoding 'base64' (try cp1252, cp936 or utf-8)",
        ),
        (["no_such_script.py"], None, "no such script: 'no_such_script.py'"),
        ([], None, "name a script to run (or -c CODE, -m MODULE, -)"),
        (["--encoding", "cp936"], None, "name a script to run (or -c CODE, -m MODULE, -)"),
        (
            ["--timeout", "soon", "examples_scripts/reimport.py"],
            None,
            "argument --timeout: expected a positive number of seconds, got 'soon'",
        ),
        (
            ["--timeout", "0", "examples_scripts/reimport.py"],
            None,
            "argument --timeout: expected a positive number of seconds, got '0'",
        ),
        (
            ["--timeout=-5", "examples_scripts/reimport.py"],
            None,
            "argument --timeout: expected a positive number of seconds, got '-5'",
        ),
        (
            ["--timeout", "nan", "examples_scripts/reimport.py"],
            None,
            "argument --timeout: expected a positive number of seconds, got 'nan'",
        ),
        (["-"], b"", "the script on standard input is empty (feed it a file: - < my_script.py)"),
        (["-"], b"\n  \n", "the script on standard input is empty (feed it a file: - < my_script.py)"),
        (
            ["--verbose", "examples_scripts/reimport.py"],
            None,
            "unrecognized option '--verbose' (the tool's options go before the script; Python's own options are not "
            "accepted)",
        ),
        (
            ["-X", "dev", "examples_scripts/reimport.py"],
            None,
            "unrecognized option '-X' (the tool's options go before the script; Python's own options are not accepted)",
        ),
        (["-c"], None, "-c needs CODE after it"),
        (["-m"], None, "-m needs MODULE after it"),
        (["--encoding"], None, "argument --encoding: expected one argument"),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, list) else "",
)
def test_run_as_windows_refuses_bad_input(args, stdin, error):
    r = subprocess.run(
        [sys.executable, str(SCRIPTS / "run_as_windows.py"), *args],
        cwd=ROOT,
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        timeout=60,
    )
    r = subprocess.CompletedProcess(r.args, r.returncode, r.stdout.decode(), r.stderr.decode())
    usage_error(r, "run_as_windows.py", TOOL_USAGE, error)
    assert len(r.stderr.splitlines()) == 2


def start_the_tool(mark, code=SLEEPER):
    """The tool in a session of its own, as a terminal would start it; its stderr line by line."""
    proc = subprocess.Popen(
        [sys.executable, str(SCRIPTS / "run_as_windows.py"), "-c", code],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, MARK: mark},
        start_new_session=sys.platform != "win32",
    )
    assert proc.stderr.readline().startswith(
        ("run_as_windows: start methods: spawn only", "run_as_windows: this is Windows already")
    )
    assert proc.stderr.readline() == "ready\n"  # passed through while the script runs
    return proc


def end(proc):
    """After a failed test: the tool and whatever it left."""
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    proc.stderr.close()


@POSIX_ONLY
@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP"])
def test_a_signal_to_the_tool_stops_the_script_and_its_children(name, mark):
    """What `timeout` or `kill` sends (SIGTERM), and a closed terminal (SIGHUP), to the tool alone."""
    number = getattr(signal, name)
    proc = start_the_tool(mark)
    try:
        os.kill(proc.pid, number)  # the tool only: its script and the child are not told
        assert proc.wait(timeout=20) == 128 + number
        assert proc.stderr.read() == f"{EVERYTHING}got {name}\n"
        assert not left_running(mark)
    finally:
        end(proc)


@POSIX_ONLY
def test_ctrl_c_to_the_tool_alone_stops_the_script_after_a_grace_period(mark):
    """The script never sees this Ctrl-C; the tool gives it 5 s to end by itself, then stops it."""
    proc = start_the_tool(mark)
    try:
        start = time.monotonic()
        os.kill(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=30) == 130
        assert time.monotonic() - start >= 5
        assert proc.stderr.read() == f"{EVERYTHING}it was still running 5 s after Ctrl-C (SIGINT)\n"
        assert not left_running(mark)
    finally:
        end(proc)


@POSIX_ONLY
def test_a_second_ctrl_c_stops_the_script_at_once(mark):
    proc = start_the_tool(mark)
    try:
        os.kill(proc.pid, signal.SIGINT)
        time.sleep(0.5)
        os.kill(proc.pid, signal.SIGINT)
        assert proc.wait(timeout=4) == 130  # before the 5 s grace period
        assert proc.stderr.read() == f"{EVERYTHING}Ctrl-C (SIGINT) came twice\n"
        assert not left_running(mark)
    finally:
        end(proc)


def test_a_tool_killed_outright_leaves_nothing_behind(mark):
    """SIGKILL, or TerminateProcess on Windows (Task Manager's End task), gives the tool no chance:
    its watchdog, a process apart, stops the script and its child and removes the tool's folder."""
    proc = start_the_tool(mark)
    try:
        (watchdog,) = [p for p in psutil.Process(proc.pid).children() if "runpy" in " ".join(p.cmdline())]
        folder = Path(watchdog.cmdline()[-1])
        assert folder.is_dir()
        proc.kill()
        proc.wait(timeout=20)
        assert not left_running(mark)
        psutil.wait_procs([watchdog], timeout=20)
        assert not watchdog.is_running() or watchdog.status() == psutil.STATUS_ZOMBIE
        assert not folder.exists()
    finally:
        end(proc)
