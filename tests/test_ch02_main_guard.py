"""Chapter 2: the broken demos fail as documented (inside timeouts); the fixes work.

What each run must show is written once, in examples_scripts/checks/main_guard.py.
"""

import sys

from examples_scripts.checks import main_guard as check
from examples_scripts.launch import run

# Wine starts a Windows process several times slower than Windows does
WINE = sys.platform == "win32" and hasattr(__import__("ctypes").WinDLL("ntdll"), "wine_get_version")


def test_reimport_prints_who_runs_which_line_in_order():
    check.reimport_lanes(run("reimport.py", "--start-method", "spawn", echo=False, timeout=90))


def test_no_main_guard_fails_with_the_bootstrapping_error_without_recursion(method):
    check.broken_no_main_guard(run("broken/no_main_guard.py", "--start-method", method, echo=False, timeout=90), method)


def test_pool_without_guard_churns_workers_until_the_script_gives_up(method):
    check.broken_pool_no_main_guard(
        run("broken/pool_no_main_guard.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_main_guard_fixes_both(method):
    check.fixed_no_main_guard(run("fixed/no_main_guard.py", "--start-method", method, echo=False, timeout=90), method)


def test_ch02_ex2_module_level_work_runs_once_per_process_that_imports_the_script(method):
    """Exercise ch02-ex2."""
    check.ch02_ex2_module_level_cost(
        run("solutions/ch02_ex2_module_level_cost.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_ch02_ex3_only_the_name_tells_a_child_at_import_time(method):
    """Exercise ch02-ex3."""
    check.ch02_ex3_who_am_i_at_import(
        run("solutions/ch02_ex3_who_am_i_at_import.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_a_script_fed_on_stdin_cannot_spawn():
    check.reimport_on_stdin(run("-", "--start-method", "spawn", stdin="reimport.py", echo=False, timeout=90))


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
    # run()'s timeout starts with the script, so a loaded machine may kill it before it has even
    # started its children: then the kill proved nothing about children, and a longer timeout runs.
    for timeout in (20, 60) if WINE else (5, 20, 60):
        r = run(str(script), echo=False, timeout=timeout)
        assert r.returncode is None, (r.stdout, r.stderr)  # killed, children too (the process check verifies it)
        if r.stdout:
            break
    assert r.stdout == "children started\n", r.stderr
