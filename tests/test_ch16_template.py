"""Chapter 16: the template script under every start method, a real Ctrl-C, failures, seeds, one log file.

What each run must show is written once, in examples_scripts/checks/template.py; the chapter's
hidden check cells call the same functions.
"""

import os
import signal
import subprocess
import sys

import psutil
import pytest

from examples_scripts.checks import template as check
from examples_scripts.launch import SCRIPTS, kill_tree, run


def test_normal_run_and_one_log_line_per_task_from_every_worker(method, tmp_path):
    log = tmp_path / "run.log"
    r = run("template.py", "--start-method", method, "--log", log, "--tasks", "60", echo=False, timeout=90)
    check.template(r, method, tasks=60, log=log.read_text(encoding="utf-8"), log_name="run.log")


def test_failing_task_gives_exit_status_1(method, tmp_path):
    log = tmp_path / "run.log"
    r = run("template.py", "--start-method", method, "--fail-task", "3", "--log", log, echo=False, timeout=60)
    check.template_fail_task(r, method, task=3, log=log.read_text(encoding="utf-8"))


def test_self_interrupt_exits_130_without_tracebacks():
    # spawn only (the notebook runs it too): the other methods get a real SIGINT below
    r = run("template.py", "--start-method", "spawn", "--self-interrupt", echo=False, timeout=60)
    check.template_interrupted(r)


@pytest.mark.skipif(
    sys.platform == "win32",
    reason=(
        "a real Ctrl-C on Windows is a console event (CTRL_C_EVENT) that needs a shared console; under "
        "Wine it could not be sent reliably. The same KeyboardInterrupt path is tested on Windows by "
        "test_self_interrupt_exits_130_without_tracebacks (signal.raise_signal(SIGINT) in the parent)"
    ),
)
def test_real_sigint_exits_130_and_leaves_no_process(method):
    proc = subprocess.Popen(
        [sys.executable, str(SCRIPTS / "template.py"), "--start-method", method, "--tasks", "5000"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        encoding="utf-8",
    )
    try:
        # the handshake: the script prints this once the pool has its tasks. 5000 tasks sleep
        # 0.02 s each on 2 workers, so the pool cannot finish before the SIGINT below
        started = proc.stdout.readline()
        assert started.startswith("work started: 5000 tasks"), started
        children = psutil.Process(proc.pid).children(recursive=True)
        assert len(children) >= 3  # the Manager, 2 workers (and a resource tracker or forkserver)
        proc.send_signal(signal.SIGINT)  # what Ctrl-C in a terminal sends the script
        out, err = proc.communicate(timeout=30)
    finally:
        kill_tree(proc.pid)  # only if the script failed to stop
    check.template_interrupted(subprocess.CompletedProcess(proc.args, proc.returncode, started + out, err), tasks=5000)
    _, alive = psutil.wait_procs(children, timeout=10)
    assert not alive, f"left running: {alive}"


def test_same_seeds_bug_under_every_method(method):
    check.same_seeds(run("broken/same_seeds.py", "--start-method", method, echo=False, timeout=60), method)


def test_same_seeds_without_seed_only_fork_repeats(method):
    r = run("broken/same_seeds.py", "--start-method", method, "--no-seed", echo=False, timeout=60)
    check.same_seeds_no_seed(r, method)


def test_worker_streams_are_the_spawned_seed_sequences():
    np = pytest.importorskip("numpy")
    spawned = np.random.SeedSequence(42).spawn(2)
    for i in range(2):  # what init_worker builds equals SeedSequence(entropy).spawn(n)[i]
        mine = np.random.default_rng(np.random.SeedSequence(42, spawn_key=(i,))).random(3)
        assert (mine == np.random.default_rng(spawned[i]).random(3)).all()
    assert np.random.default_rng(spawned[0]).random() != np.random.default_rng(spawned[1]).random()


def test_ch16_ex1_per_task_seeds_do_not_depend_on_workers(method):
    """Exercise ch16-ex1: the same numbers the page shows with 1 worker under spawn."""
    r = run("solutions/ch16_ex1_per_task_seeds.py", "--start-method", method, "--workers", "3", echo=False)
    check.ch16_ex1_per_task_seeds(r, method, workers=3)


def test_the_traced_run_draws_the_templates_structure(method):
    """template_trace.py: template.py's own main(), with every event chapter 16's figure draws."""
    check.template_trace(run("template_trace.py", "--start-method", method, echo=False, timeout=90), method)
