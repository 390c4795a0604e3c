"""Chapter 2: the broken demos fail as documented (inside timeouts); the fixes work."""
import sys

from examples_scripts.launch import run

# Wine starts a Windows process several times slower than Windows does
WINE = sys.platform == "win32" and hasattr(__import__("ctypes").WinDLL("ntdll"), "wine_get_version")

BOOTSTRAP = ("An attempt has been made to start a new process before the\n"
             "        current process has finished its bootstrapping phase.")


def test_no_main_guard_fails_with_the_bootstrapping_error_without_recursion(method):
    r = run("broken/no_main_guard.py", "--start-method", method, echo=False, timeout=30)
    if method == "fork":
        assert r.returncode == 0 and "hello from the child" in r.stdout
        return
    assert BOOTSTRAP in r.stderr
    assert r.stderr.count("Traceback (most recent call last)") <= 2   # no recursion
    assert "hello from the child" not in r.stdout
    if method == "forkserver" and sys.version_info >= (3, 14):
        # 3.14: the server itself dies importing the script; the parent's start() fails
        assert "ConnectionResetError" in r.stderr and r.returncode == 1
    else:
        assert r.stderr.count("Traceback (most recent call last)") == 1
        assert "__main__: child exit code 1" in r.stdout and r.returncode == 0


def test_pool_without_guard_churns_workers_until_the_timeout(method):
    r = run("broken/pool_no_main_guard.py", "--start-method", method, echo=False, timeout=30)
    assert r.returncode is not None, "the script's own 3 s bound did not work"
    if method == "fork":
        assert "squares: [0, 1, 4, 9, 16]" in r.stdout and r.returncode == 0
        return
    assert BOOTSTRAP in r.stderr
    if method == "forkserver" and sys.version_info >= (3, 14):
        assert "ConnectionResetError" in r.stderr and r.returncode == 1
    else:
        assert "no result after 3 s" in r.stdout and r.returncode == 1
        deaths = r.stderr.count("bootstrapping phase")
        assert deaths >= 1 if WINE else deaths > 2   # dead workers were replaced (Wine: too slow to see it in 3 s)


def test_main_guard_fixes_both(method):
    r = run("fixed/no_main_guard.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert "hello from the child" in r.stdout and "child exit code 0" in r.stdout
    assert "squares: [0, 1, 4, 9, 16]" in r.stdout
    expected = {"spawn": 4, "fork": 1, "forkserver": 2 if sys.version_info >= (3, 14) else 4}
    assert r.stdout.count("module level:") == expected[method]


def test_module_level_work_runs_once_per_spawned_worker(method):
    r = run("solutions/ch02_ex2_module_level_cost.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    expected = {"spawn": 4, "fork": 1, "forkserver": 2 if sys.version_info >= (3, 14) else 4}
    assert r.stdout.count("expensive module-level set-up") == expected[method]


def test_a_script_fed_on_stdin_cannot_spawn():
    r = run("-", "--start-method", "spawn", stdin="reimport.py", echo=False)
    assert r.returncode == 0
    if sys.platform == "win32":   # '<' cannot appear in a Windows file name
        assert "OSError: [Errno 22] Invalid argument:" in r.stderr and "<stdin>" in r.stderr
    else:
        assert "FileNotFoundError: [Errno 2] No such file or directory:" in r.stderr and "<stdin>" in r.stderr
    assert "guarded block: child exit code 1" in r.stdout


SLEEPERS = """\
import multiprocessing as mp
import time

if __name__ == "__main__":
    ctx = mp.get_context("spawn")
    children = [ctx.Process(target=time.sleep, args=(60,)) for _ in range(2)]
    for p in children:
        p.start()
    print("children started", flush=True)
    for p in children:
        p.join(timeout=90)
"""


def test_the_launcher_kills_a_script_that_outlives_its_timeout(tmp_path):
    # Two spawned children that sleep, with no Lock or Queue: a semaphore that a process is
    # creating at the moment it is killed (in a Pool's churn, say) stays in /dev/shm, because the
    # resource tracker never heard of it, and the session's leak check would rightly fail.
    script = tmp_path / "sleepers.py"
    script.write_text(SLEEPERS, encoding="utf-8")
    r = run(str(script), echo=False, timeout=20 if WINE else 5)
    assert r.returncode is None   # killed, children included (the process check verifies that)
    assert r.stdout == "children started\n", r.stderr
