"""Chapter 11: notebook-like code fails under spawn as documented (inside timeouts); the fixes work.

Scripts: broken/notebook_function.py, broken/dash_c.py, console_encoding.py; importable
workers: notebook_workers.py, solutions/ch11_ex1_cube_worker.py, solutions/ch11_ex2_progress_worker.py (used here
in pytest's own process, as the notebook uses them in its kernel).
"""
import locale
import logging
import logging.handlers
import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from examples_scripts.launch import run
from examples_scripts.solutions.ch11_ex1_cube_worker import cube
from examples_scripts.solutions.ch11_ex2_progress_worker import count_up
from examples_scripts.notebook_workers import log_to_parent, report, square, square_and_print

BROKEN_POOL = ("executor: BrokenProcessPool: A process in the process pool was terminated abruptly "
               "while the future was running or pending.")
POOL_HANGS = "pool: no result after 1 s; map() would wait forever"
CHARMAP = ("UnicodeEncodeError: 'charmap' codec can't encode characters in position 0-1: "
           "character maps to <undefined>")


@pytest.fixture(autouse=True, scope="module")
def stop_multiprocessing_helpers():
    """The in-process tests start a forkserver and a resource tracker in pytest's own process;
    they would outlive the session (the leak check in conftest.py), so stop them here."""
    yield
    if "forkserver" in mp.get_all_start_methods():
        from multiprocessing import forkserver, resource_tracker
        forkserver._forkserver._stop()
        resource_tracker._resource_tracker._stop()


def cant_get(name):
    """What a child prints when the function is missing from its built-in __main__, per version."""
    if sys.version_info >= (3, 14):
        return f"AttributeError: module '__main__' has no attribute '{name}'"
    if sys.version_info >= (3, 12):  # the module's repr lost its "(built-in)" in 3.12
        return (f"AttributeError: Can't get attribute '{name}' on "
                "<module '__main__' (<class '_frozen_importlib.BuiltinImporter'>)>")
    return f"AttributeError: Can't get attribute '{name}' on <module '__main__' (built-in)>"


def test_a_function_from_a_notebook_like_main_kills_the_child(method):
    r = run("broken/notebook_function.py", "--start-method", method, echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "f lives in <module '__main__'>" in r.stdout
    if method == "fork":   # the child is a copy of the parent, f included
        assert "executor: 9" in r.stdout and "pool: [9]" in r.stdout
        assert "Traceback" not in r.stderr
        return
    assert r.stderr.count(cant_get("f")) == 2   # the executor's worker and the pool's
    assert "pool: abs(-3) = 3" in r.stdout      # a built-in is found by name
    assert BROKEN_POOL in r.stdout
    assert POOL_HANGS in r.stdout


def test_a_worker_defined_with_python_dash_c_kills_the_child(method):
    r = run("broken/dash_c.py", "--start-method", method, echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "[python -c exit status 0]" in r.stdout
    if method == "fork":
        assert "pool: [9]" in r.stdout
        return
    assert "pool: abs(-3) = 3" in r.stdout
    assert r.stderr.count(cant_get("work")) == 1
    assert POOL_HANGS in r.stdout


def test_imported_workers_work_and_send_data_back(method):
    ctx = mp.get_context(method)
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as executor:
        assert list(executor.map(square, range(5), timeout=20)) == [0, 1, 4, 9, 16]
    with ctx.Pool(2) as pool:
        assert pool.map_async(square_and_print, [3]).get(timeout=20) == [9]
        assert pool.map_async(cube, range(5)).get(timeout=20) == [0, 1, 8, 27, 64]
    q = ctx.Queue()
    child = ctx.Process(target=report, args=(q, 4))
    child.start()
    assert q.get(timeout=20).endswith(": 4 squared is 16")
    child.join(timeout=20)
    assert child.exitcode == 0


def test_log_records_reach_the_parent_through_a_queue_handler(method):
    ctx = mp.get_context(method)
    kept = logging.handlers.BufferingHandler(capacity=100)
    q = ctx.Queue()
    listener = logging.handlers.QueueListener(q, kept)
    child = ctx.Process(target=log_to_parent, args=(q, 5), name="worker-1")
    child.start()  # before the listener's thread exists: fork in a threaded process is unsafe
    listener.start()
    child.join(timeout=20)
    listener.stop()
    assert child.exitcode == 0
    assert [(r.processName, r.name, r.getMessage()) for r in kept.buffer] == [("worker-1", "worker", "5 squared is 25")]


def test_progress_messages_arrive_in_order(method):
    ctx = mp.get_context(method)
    q = ctx.Queue()
    child = ctx.Process(target=count_up, args=(q, 3))
    child.start()
    seen = []
    while (message := q.get(timeout=20)) is not None:
        seen.append(message)
    child.join(timeout=20)
    assert seen == ["step 1 of 3 done", "step 2 of 3 done", "step 3 of 3 done"]


def test_cp1252_stdout_kills_the_producer_and_strands_the_consumer(method):
    r = run("console_encoding.py", "--start-method", method, env={"PYTHONIOENCODING": "cp1252"},
            echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "parent: stdout encoding is cp1252" in r.stdout
    assert CHARMAP in r.stderr and "Process producer:" in r.stderr
    assert "consumer: nothing for 2 s, giving up" in r.stdout
    assert "producer exit code 1, consumer exit code 0" in r.stdout


FIXES = {
    "PYTHONIOENCODING=utf-8": ([], {"PYTHONIOENCODING": "utf-8"}),
    "PYTHONUTF8=1": ([], {"PYTHONIOENCODING": "", "PYTHONUTF8": "1"}),
    "reconfigure": (["--reconfigure"], {"PYTHONIOENCODING": "cp1252"}),
}


@pytest.mark.parametrize("fix", FIXES)
def test_each_encoding_fix_works(method, fix):
    if method != "spawn" and fix != "reconfigure":
        pytest.skip("an environment variable reaches every child alike: tested under spawn")
    args, env = FIXES[fix]
    r = run("console_encoding.py", "--start-method", method, *args, env=env, echo=False, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "UnicodeEncodeError" not in r.stderr
    assert "生产 0\n生产 1\n消费 0\n消费 1\n" in r.stdout   # the consumer prints after the producer
    assert "producer exit code 0, consumer exit code 0" in r.stdout


@pytest.mark.skipif(sys.platform != "win32" or locale.getpreferredencoding(False) != "cp1252",
                    reason="only an English Windows captures output as cp1252 by itself")
def test_a_real_english_windows_fails_without_any_override():
    r = run("console_encoding.py", env={"PYTHONIOENCODING": ""}, echo=False, timeout=60)
    assert "parent: stdout encoding is cp1252" in r.stdout
    assert CHARMAP in r.stderr
    assert "producer exit code 1, consumer exit code 0" in r.stdout
