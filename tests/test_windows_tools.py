"""The two tools of book/tools.md: check_setup.py reports each check as documented and fails for
real; run_as_windows.py reproduces the book's Windows failures on any OS, and passes the fixes.

Scripts: check_setup.py, run_as_windows.py, broken/lambda_target.py (and, run through the
tool: globals_after_import.py, broken/no_main_guard.py, fixed/no_main_guard.py, console_encoding.py,
reimport.py).
"""
import locale
import sys

import pytest

from conftest import ROOT
from examples_scripts.launch import SCRIPTS, relative, run

BOOTSTRAP = "finished its bootstrapping phase"
CHARMAP = "UnicodeEncodeError: 'charmap' codec can't encode"
LINE_STARTS = ("[ok] ", "[warn] ", "[fail] ")


def script(name):
    """A companion script's path as the reader would type it, for run_as_windows.py's argument."""
    return relative(SCRIPTS / name)


# check_setup.py

def test_check_setup_passes_here(method):
    r = run("check_setup.py", "--start-method", method, echo=False, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 7 and all(line.startswith(LINE_STARTS) for line in lines), lines
    assert lines[0].startswith(f"[ok] Python {sys.version.split()[0]} (")
    assert "[ok] start methods available: " in r.stdout
    assert "[ok] a child's captured output is encoded as utf-8" in r.stdout   # run() asks for UTF-8
    assert f"[ok] a child started with {method} answered in " in r.stdout
    assert "[ok] not inside Jupyter" in r.stdout
    assert "[fail]" not in r.stdout


def test_check_setup_warns_when_captured_output_is_cp1252():
    r = run("check_setup.py", env={"PYTHONIOENCODING": "cp1252"}, echo=False, timeout=120)
    assert r.returncode == 0, r.stdout + r.stderr   # a warning is not a failure
    assert ("[warn] a child's captured output is encoded as cp1252: printing Chinese or emoji there "
            "raises UnicodeEncodeError. fix: set PYTHONIOENCODING=utf-8 or PYTHONUTF8=1") in r.stdout


def test_check_setup_fails_when_fed_on_stdin():
    """A real mistake: code without a file (stdin, -c, a notebook cell) cannot give a spawned child
    its functions. The child dies; the checker says so, with the fix, and exits with 1."""
    r = run("-", stdin="check_setup.py", echo=False, timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    assert ("[fail] a child started with spawn died with exit code 1 before answering. "
            "fix: run this file by its path") in r.stdout
    assert "<stdin>" in r.stderr   # the child's own traceback: it could not re-import '<stdin>'


def test_check_setup_fails_when_the_child_is_too_slow():
    """No process starts in a millisecond: the child check times out for real and is cleaned up."""
    r = run("check_setup.py", "--timeout", "0.001", echo=False, timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    assert ("[fail] a child started with spawn did not answer within 0.001 s. "
            "fix: a slow start (antivirus, network drive, Wine) needs a longer --timeout") in r.stdout


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
            output_hook=lambda msg: out.append(msg["content"].get("text", "")), timeout=120)
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
    r = run("run_as_windows.py", script("globals_after_import.py"), "--start-method", "fork",
            echo=False, timeout=60)
    assert r.returncode == 1
    assert "error: start method 'fork' is not available here; choose from ['spawn']" in r.stderr


def test_run_as_windows_child_misses_globals_set_after_import():
    r = run("run_as_windows.py", script("globals_after_import.py"), echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "child sees SETTING = 'set at import'" in r.stdout


def test_run_as_windows_shows_the_missing_main_guard():
    r = run("run_as_windows.py", script("broken/no_main_guard.py"), echo=False, timeout=60)
    assert BOOTSTRAP in r.stderr
    assert "__main__: child exit code 1" in r.stdout


def test_run_as_windows_passes_the_main_guard_fix():
    r = run("run_as_windows.py", script("fixed/no_main_guard.py"), echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "child exit code 0" in r.stdout and "squares: [0, 1, 4, 9, 16]" in r.stdout


def test_run_as_windows_shows_that_a_lambda_target_cannot_be_pickled():
    plain = run("broken/lambda_target.py", echo=False, timeout=60)
    default = plain.stdout.splitlines()[0].removeprefix("default start method: ")
    if default == "fork":   # Linux up to 3.13: the bug hides
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


needs_cp1252 = pytest.mark.skipif(sys.platform == "win32" and locale.getpreferredencoding(False) != "cp1252",
                                  reason="on Windows the tool changes nothing: only an English one uses cp1252")


@needs_cp1252
def test_run_as_windows_shows_the_charmap_error_and_bounds_the_consumer():
    # PYTHONIOENCODING="" undoes run()'s UTF-8, so a real Windows falls back to its own cp1252
    r = run("run_as_windows.py", script("console_encoding.py"), env={"PYTHONIOENCODING": ""},
            echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "parent: stdout encoding is cp1252" in r.stdout
    assert CHARMAP in r.stderr and "Process producer:" in r.stderr
    assert "consumer: nothing for 2 s, giving up" in r.stdout
    assert "producer exit code 1, consumer exit code 0" in r.stdout


@needs_cp1252
def test_run_as_windows_passes_the_reconfigure_fix():
    r = run("run_as_windows.py", script("console_encoding.py"), "--reconfigure", env={"PYTHONIOENCODING": ""},
            echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "UnicodeEncodeError" not in r.stderr
    assert "生产 0\n生产 1\n消费 0\n消费 1\n" in r.stdout
    assert "producer exit code 0, consumer exit code 0" in r.stdout


def test_run_as_windows_keeps_the_exit_status_and_the_61_worker_limit():
    code = ("import multiprocessing as mp, concurrent.futures as cf\n"
            "print(mp.get_all_start_methods())\n"
            "try:\n    cf.ProcessPoolExecutor(max_workers=62)\n"
            "except ValueError as e:\n    print(e)\n"
            "raise SystemExit(3)\n")
    r = run("run_as_windows.py", "-c", code, echo=False, timeout=60)
    assert r.returncode == 3, r.stderr
    assert r.stdout.splitlines() == ["['spawn']", "max_workers must be <= 61"]


@pytest.mark.skipif(sys.platform == "win32", reason="a POSIX terminal's Ctrl-C: SIGINT to the foreground group")
def test_run_as_windows_lets_the_script_handle_ctrl_c():
    import os
    import signal
    import subprocess

    code = ("import time\ntry:\n    print('ready', flush=True); time.sleep(20)\n"
            "except KeyboardInterrupt:\n    print('script got Ctrl-C', flush=True); raise SystemExit(5)\n")
    proc = subprocess.Popen([sys.executable, str(SCRIPTS / "run_as_windows.py"), "-c", code],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, start_new_session=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        assert proc.stdout.readline() == "ready\n"
        os.killpg(proc.pid, signal.SIGINT)   # what Ctrl-C in a terminal does: the whole foreground group
        assert proc.wait(timeout=20) == 5    # the tool waited for the script and kept its exit status
        assert proc.stdout.read() == "script got Ctrl-C\n"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        proc.stdout.close()
