"""Chapter 11: notebook-like code fails under spawn as documented (inside timeouts); the fixes work.

What each script's run must show lives in examples_scripts/checks/notebooks.py, which the
chapter's hidden check cells call too.

Scripts: broken/notebook_function.py, broken/dash_c.py, kernel_child_output.py, console_encoding.py; importable
workers: notebook_workers.py, solutions/ch11_ex1_scale_worker.py, solutions/ch11_ex2_progress_worker.py (used here
in pytest's own process, as the notebook uses them in its kernel).
"""

import functools
import locale
import logging
import logging.handlers
import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest

from examples_scripts.checks import notebooks as check
from examples_scripts.launch import run
from examples_scripts.notebook_workers import log_to_parent, report, square, square_and_print
from examples_scripts.solutions import ch11_ex1_scale_worker
from examples_scripts.solutions.ch11_ex2_progress_worker import count_up


@pytest.fixture(autouse=True, scope="module")
def stop_multiprocessing_helpers():
    """The in-process tests start a forkserver and a resource tracker in pytest's own process;
    they would outlive the session (the leak check in conftest.py), so stop them here."""
    yield
    if "forkserver" in mp.get_all_start_methods():
        from multiprocessing import forkserver, resource_tracker

        forkserver._forkserver._stop()
        resource_tracker._resource_tracker._stop()


def test_a_function_from_a_notebook_like_main_kills_the_child(method):
    check.notebook_function(
        run("broken/notebook_function.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_a_worker_defined_with_python_dash_c_kills_the_child(method):
    check.dash_c(run("broken/dash_c.py", "--start-method", method, echo=False, timeout=90), method)


def test_imported_workers_work_and_send_data_back(method):
    ctx = mp.get_context(method)
    with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as executor:
        assert list(executor.map(square, range(5), timeout=20)) == [0, 1, 4, 9, 16]
    with ctx.Pool(2) as pool:
        assert pool.map_async(square_and_print, [3]).get(timeout=20) == [9]
    q = ctx.Queue()
    child = ctx.Process(target=report, args=(q, 4))
    child.start()
    assert q.get(timeout=20).endswith(": 4 squared is 16")
    child.join(timeout=20)
    assert child.exitcode == 0


def test_ch11_ex1_scale_worker(method, monkeypatch):
    """Exercise ch11-ex1: a setting changed after import reaches a forked worker only; passed with
    the task, it reaches every worker."""
    monkeypatch.setattr(ch11_ex1_scale_worker, "FACTOR", 10)
    with mp.get_context(method).Pool(2) as pool:
        seen = pool.map_async(ch11_ex1_scale_worker.scale, range(3)).get(timeout=20)
        work = functools.partial(ch11_ex1_scale_worker.scale_by, factor=ch11_ex1_scale_worker.FACTOR)
        passed = pool.map_async(work, range(3)).get(timeout=20)
    assert seen == ([0, 10, 20] if method == "fork" else [0, 1, 2])
    assert passed == [0, 10, 20]


@pytest.mark.parametrize("fd_capture", [False, True], ids=["as-on-windows", "this-os-default"])
def test_a_kernels_child_prints_to_the_servers_console(method, fd_capture):
    """kernel_child_output.py: a real kernel; its child's lines land where chapter 11 says, by method and OS."""
    args = [] if fd_capture else ["--no-fd-capture"]
    r = run("kernel_child_output.py", "--start-method", method, *args, echo=False, timeout=90)
    check.kernel_child_output(r, method, fd_capture=fd_capture)


def test_figures_module_draws_chapter_11s_figure_without_a_display():
    """examples_scripts/figures.py: the boxes and arrows the chapter draws, on matplotlib's Agg backend."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from examples_scripts.figures import arrow, box, canvas

    fig, ax = canvas(8, 3.6)
    centre = box(ax, 0.1, 0.1, 0.2, 0.2, "kernel", "parent")
    arrow(ax, centre, (0.8, 0.8), "spawn", "parent")
    assert centre == (0.2, 0.2) and len(ax.patches) == 2
    plt.close(fig)


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


def test_ch11_ex2_progress_messages_arrive_in_order(method):
    """Exercise ch11-ex2: the child's progress messages reach the parent through a queue, in order."""
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
    check.console_encoding_cp1252(
        run(
            "console_encoding.py", "--start-method", method, env={"PYTHONIOENCODING": "cp1252"}, echo=False, timeout=90
        ),
        method,
    )


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
    check.console_encoding(
        run("console_encoding.py", "--start-method", method, *args, env=env, echo=False, timeout=90), method
    )


@pytest.mark.skipif(
    sys.platform != "win32" or locale.getpreferredencoding(False) != "cp1252",
    reason="only an English Windows captures output as cp1252 by itself",
)
def test_a_real_english_windows_fails_without_any_override():
    check.console_encoding_cp1252(run("console_encoding.py", env={"PYTHONIOENCODING": ""}, echo=False, timeout=90))
