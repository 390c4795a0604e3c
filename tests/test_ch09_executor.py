"""Chapter 9: ProcessPoolExecutor scripts under every start method; broken demos fail as documented."""
import re
import sys

import pytest

from examples_scripts.launch import run
from examples_scripts.executor_workers import fail_after, pause, pid_of, reciprocal, sleepy_square, square

BROKEN_FUTURE = ("the future raised BrokenProcessPool: A process in the process pool was terminated "
                 "abruptly while the future was running or pending.")
BROKEN_SUBMIT = ("a later submit() raised BrokenProcessPool: A child process terminated abruptly, "
                 "the process pool is not usable anymore")
KIND = {"fork": "ForkProcess", "spawn": "SpawnProcess", "forkserver": "ForkServerProcess"}


def test_notebook_workers_module_is_plain_functions():
    # examples_scripts/executor_workers.py: the notebook's executors use these in spawned workers
    assert (square(7), sleepy_square(2, delay=0), pause(0), reciprocal(4)) == (49, 4, 0, 0.25)
    assert isinstance(pid_of(None), int)
    with pytest.raises(ValueError, match="failed after 0 s"):
        fail_after(0)
    with pytest.raises(ZeroDivisionError):
        reciprocal(0)


def test_blog_example_corrected(method):
    r = run("fixed/blog_executor.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "[0, 1, 4, 9, 16, 25, 36, 49]\n"


def test_mp_context_decides_the_worker_kind(method):
    r = run("executor_mp_context.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    default = "spawn" if sys.platform in ("win32", "darwin") else ("forkserver" if sys.version_info >= (3, 14) else "fork")
    assert f"no mp_context:      default method {default!r}, worker {KIND[default]}-" in r.stdout
    assert f"mp_context={method!r}: worker {KIND[method]}-" in r.stdout


def test_a_dead_worker_breaks_the_executor_cleanly(method):
    r = run("broken/executor_worker_dies.py", "--start-method", method, echo=False, timeout=30)
    assert r.returncode == 1
    assert r.stdout == f"square(3) = 9\n{BROKEN_FUTURE}\n{BROKEN_SUBMIT}\n"
    assert r.stderr == "the executor is broken: create a new one to go on\n"


def test_a_failing_initializer_breaks_the_executor(method):
    r = run("broken/executor_initializer_fails.py", "--start-method", method, echo=False, timeout=30)
    assert r.returncode == 1
    assert r.stdout == f"{BROKEN_FUTURE}\n{BROKEN_SUBMIT}\n"
    assert r.stderr.startswith("Exception in initializer:\nTraceback (most recent call last):\n")
    assert "ConnectionError: database unreachable\n" in r.stderr


def test_a_dead_worker_leaves_pool_map_waiting(method):
    r = run("broken/pool_worker_dies.py", "--start-method", method, echo=False, timeout=30)
    assert r.returncode == 1, "the script's own 1 s bound did not work"
    assert r.stdout == "Pool: no result after 1 s: the lost task will never finish\n"


def test_max_tasks_per_child_gives_fresh_workers_and_refuses_fork(method):
    r = run("executor_max_tasks_per_child.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    if method == "fork":
        assert r.stdout == ("ValueError: max_tasks_per_child is incompatible with the 'fork' "
                            "multiprocessing start method; supply a different mp_context.\n")
    else:
        assert r.stdout == "tasks ran in W1 W2 W3 W4\n4 different worker pids; most tasks in one worker: 1\n"


def test_shutdown_cancel_futures_cancels_the_waiting_tasks(method):
    r = run("executor_cancel_futures.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    ran, cancelled = map(int, re.search(r"8 submitted: (\d+) ran, (\d+) cancelled", r.stdout).groups())
    assert ran + cancelled == 8 and 1 <= ran <= 3 and cancelled >= 5
    assert "the last future's result() raised CancelledError" in r.stdout


def test_windows_limit_is_61_workers(method):
    r = run("executor_windows_limit.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert f"platform {sys.platform}; the Windows limit, process._MAX_WINDOWS_WORKERS = 61\n" in r.stdout
    if sys.platform == "win32":
        assert "ProcessPoolExecutor(max_workers=62) raised ValueError: max_workers must be <= 61\n" in r.stdout
    else:   # accepted, and lazily: no worker started
        assert "ProcessPoolExecutor(max_workers=62) accepted; processes started: 0\n" in r.stdout


def test_new_in_314_runs_only_where_available(method):
    r = run("executor_new_in_314.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    if sys.version_info >= (3, 14):
        assert r.stdout == ("first 6 squares of an endless input: [0, 1, 4, 9, 16, 25]\n"
                            "after terminate_workers(): BrokenProcessPool: A process in the process pool "
                            "was terminated abruptly while the future was running or pending.\n")
    else:
        v = sys.version_info
        assert r.stdout == (f"Python {v.major}.{v.minor}: no map(buffersize=), "
                            "no terminate_workers()/kill_workers() (new in 3.14)\n")


def test_retry_after_broken_pool(method):
    r = run("solutions/ch09_ex2_executor_retry.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert re.match(r"attempt 1: \d done, \d to retry\n", r.stdout)
    assert r.stdout.endswith("attempt 2: 8 done, 0 to retry\nresults: [0, 1, 4, 9, 16, 25, 36, 49]\n")
