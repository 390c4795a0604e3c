"""What chapter 9 (notebooks/09_executor.ipynb, ProcessPoolExecutor) checks in its scripts' runs.

The chapter's hidden check cells and tests/test_ch09_executor.py call the same functions. Each
takes the ``subprocess.CompletedProcess`` that ``launch.run()`` returned for one script and the
start method it ran with, and asserts everything the chapter says about that run.
"""

import re
import sys

from examples_scripts.checks import shown
from examples_scripts.launch import json_record

BROKEN_FUTURE = (
    "the future raised BrokenProcessPool: A process in the process pool was terminated "
    "abruptly while the future was running or pending."
)
BROKEN_SUBMIT = (
    "a later submit() raised BrokenProcessPool: A child process terminated abruptly, "
    "the process pool is not usable anymore"
)
KIND = {"fork": "ForkProcess", "spawn": "SpawnProcess", "forkserver": "ForkServerProcess"}


def default_method():
    """The start method an executor uses without mp_context, on this OS and Python."""
    if sys.platform in ("win32", "darwin"):
        return "spawn"
    return "forkserver" if sys.version_info >= (3, 14) else "fork"


def blog_executor(r, method="spawn"):
    """fixed/blog_executor.py: the eight squares, and a clean exit."""
    assert r.returncode == 0 and r.stdout == "[0, 1, 4, 9, 16, 25, 36, 49]\n", shown(r)


def executor_worker_dies(r, method="spawn"):
    """broken/executor_worker_dies.py: the future and every later submit() raise BrokenProcessPool."""
    assert r.returncode == 1, shown(r)
    assert r.stdout == f"square(3) = 9\n{BROKEN_FUTURE}\n{BROKEN_SUBMIT}\n", shown(r)
    assert r.stderr == "the executor is broken: create a new one to go on\n", shown(r)


def executor_mp_context(r, method="spawn"):
    """executor_mp_context.py: the default worker kind is the platform's; mp_context decides otherwise."""
    default = default_method()
    assert r.returncode == 0, shown(r)
    assert f"no mp_context:      default method {default!r}, worker {KIND[default]}-" in r.stdout, shown(r)
    assert f"mp_context={method!r}: worker {KIND[method]}-" in r.stdout, shown(r)


def executor_initializer_fails(r, method="spawn"):
    """broken/executor_initializer_fails.py: the worker logs the initializer's error on stderr; the
    parent only sees BrokenProcessPool."""
    assert r.returncode == 1, shown(r)
    assert r.stdout == f"{BROKEN_FUTURE}\n{BROKEN_SUBMIT}\n", shown(r)
    assert r.stderr.startswith("Exception in initializer:\nTraceback (most recent call last):\n"), shown(r)
    assert "ConnectionError: database unreachable\n" in r.stderr, shown(r)
    assert "ConnectionError" not in r.stdout, shown(r)


def executor_max_tasks_per_child(r, method="spawn"):
    """executor_max_tasks_per_child.py: each of the 4 tasks in a process of its own; fork refused."""
    assert r.returncode == 0, shown(r)
    if method == "fork":
        assert r.stdout == (
            "ValueError: max_tasks_per_child is incompatible with the 'fork' "
            "multiprocessing start method; supply a different mp_context.\n"
        ), shown(r)
    else:
        assert r.stdout == ("tasks ran in W1 W2 W3 W4\n4 different worker processes; most tasks in one worker: 1\n"), (
            shown(r)
        )


def executor_cancel_futures(r, method="spawn"):
    """executor_cancel_futures.py: the running task and the 2 queued ones ran; the other 5 were cancelled."""
    assert r.returncode == 0, shown(r)
    assert r.stdout == ("8 submitted: 3 ran, 5 cancelled\nthe last future's result() raised CancelledError\n"), shown(r)


def executor_windows_limit(r, method="spawn"):
    """executor_windows_limit.py: Windows refuses 62 workers; elsewhere 62 are accepted, none started."""
    assert r.returncode == 0, shown(r)
    assert f"platform {sys.platform}; the Windows limit, process._MAX_WINDOWS_WORKERS = 61\n" in r.stdout, shown(r)
    if sys.platform == "win32":
        assert "ProcessPoolExecutor(max_workers=62) raised ValueError: max_workers must be <= 61\n" in r.stdout, shown(
            r
        )
    else:  # accepted, and lazily: no worker started
        assert "ProcessPoolExecutor(max_workers=62) accepted; processes started: 0\n" in r.stdout, shown(r)


def executor_new_in_314(r, method="spawn"):
    """executor_new_in_314.py: 3.14+ runs map(buffersize=) and terminate_workers(); older versions say so."""
    assert r.returncode == 0, shown(r)
    if sys.version_info >= (3, 14):
        assert r.stdout == (
            "first 6 squares of an endless input: [0, 1, 4, 9, 16, 25]\n"
            "after terminate_workers(): BrokenProcessPool: A process in the process pool "
            "was terminated abruptly while the future was running or pending.\n"
        ), shown(r)
    else:
        v = sys.version_info
        assert r.stdout == (
            f"Python {v.major}.{v.minor}: no map(buffersize=), no terminate_workers()/kill_workers() (new in 3.14)\n"
        ), shown(r)


def pool_worker_dies(r, method="spawn"):
    """broken/pool_worker_dies.py: the Pool never reports the dead worker; only the 1 s bound ends the wait."""
    assert r.returncode == 1, "the script's own 1 s bound did not end it" + shown(r)
    assert r.stdout == "Pool: no result after 1 s: the lost task will never finish\n", shown(r)
    assert "BrokenProcessPool" not in r.stdout + r.stderr, shown(r)


def ch09_ex2_executor_retry(r, method="spawn"):
    """solutions/ch09_ex2_executor_retry.py (exercise ch09-ex2): the lost tasks run again, on a new executor.

    How many tasks the first attempt finished before the pool broke depends on timing: only that
    they and the lost ones make 8, and that task 3 was lost, are certain."""
    assert r.returncode == 0, shown(r)
    first = re.match(r"attempt 1: (\d) done, (\d) to retry\n", r.stdout)
    assert first and int(first[1]) + int(first[2]) == 8 and int(first[2]) >= 1, shown(r)
    assert r.stdout.endswith("attempt 2: 8 done, 0 to retry\nresults: [0, 1, 4, 9, 16, 25, 36, 49]\n"), shown(r)


def executor_machinery(r, method="spawn"):
    """The call queue holds max_workers + 1; results are set in the manager thread; a dead worker breaks it all.

    Which worker ran which task is this run's; only that each task ran once, in one of the two
    workers, is asserted. Returns the parsed facts, which the chapter draws.
    """
    assert r.returncode == 0, shown(r)
    data = json_record(r)
    assert data["call_queue_size"] == data["max_workers"] + 1 == 3, data
    assert data["pending_after_submit"] == 4, data  # the gate holds every task until then
    events = data["events"]
    starts = sorted(e["task"] for e in events if e["event"] == "start")
    assert starts == [0, 1, 2, 3], events
    assert len({e["pid"] for e in events if "pid" in e}) <= data["max_workers"], events
    callbacks = [e for e in events if e["event"].startswith(("result", "Broken"))]
    assert sorted(e["event"] for e in callbacks) == [
        "BrokenProcessPool",
        "result 0",
        "result 1",
        "result 4",
        "result 9",
    ], events
    assert {e["who"] for e in callbacks} == {data["manager_thread"]}, events  # not the main thread
    assert [e["task"] for e in events if e["event"] == "dies"] == [4], events
    lines = r.stdout.splitlines()
    assert "results: [0, 1, 4, 9]" in lines, shown(r)
    assert (
        "task 4 killed its worker; its future raised BrokenProcessPool: A process in the process pool was "
        "terminated abruptly while the future was running or pending." in lines
    ), shown(r)
    assert (
        "a later submit() raised BrokenProcessPool: A child process terminated abruptly, the process pool is "
        "not usable anymore" in lines
    ), shown(r)
    return data
