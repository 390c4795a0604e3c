"""Chapter 1: the companion scripts behave as the chapter says, under every start method."""
import sys

from examples_scripts.launch import run

from conftest import METHODS


def test_reimport_runs_module_level_code_again_except_under_fork(method):
    r = run("reimport.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("guarded block:") == 2
    assert "guarded block: child exit code 0" in r.stdout
    if method == "fork":
        assert r.stdout.count("module level:") == 1
        assert "work():       __name__ = '__main__' in ForkProcess-1" in r.stdout
    else:
        assert r.stdout.count("module level:") == 2
        assert "module level: __name__ = '__mp_main__'" in r.stdout
        assert "work():       __name__ = '__mp_main__'" in r.stdout


def test_child_misses_a_global_changed_after_import_except_under_fork(method):
    r = run("globals_after_import.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    seen = "changed in main()" if method == "fork" else "set at import"
    assert f"child sees SETTING = {seen!r}" in r.stdout


def test_passing_the_setting_as_an_argument_works_everywhere(method):
    r = run("solutions/ch01_ex2_setting_as_argument.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert "child sees setting = 'changed in main()'" in r.stdout


def test_only_fork_in_a_threaded_process_warns_from_3_12(method):
    r = run("fork_with_threads.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    warns = method == "fork" and sys.version_info >= (3, 12)
    assert ("1 warning(s); child exit code 0" in r.stdout) == warns
    assert ("0 warning(s); child exit code 0" in r.stdout) == (not warns)
    if warns:
        assert "DeprecationWarning: This process (pid=" in r.stdout
        assert "is multi-threaded, use of fork() may lead to deadlocks in the child." in r.stdout


def test_startup_cost_measures_every_method_against_the_bare_interpreter():
    import json
    r = run("startup_cost.py", "--quick", echo=False, timeout=120)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout.rsplit("json: ", 1)[1])
    assert set(data["seconds"]) == {"python -c pass", *METHODS}
    assert all(len(times) == 5 and all(t > 0 for t in times) for times in data["seconds"].values())
    assert "logical cores" in data["machine"] and "Python" in data["machine"]


def test_an_unavailable_start_method_gets_a_one_line_error():
    r = run("globals_after_import.py", "--start-method", "nonsense", echo=False)
    assert r.returncode == 1
    assert r.stderr.strip() == (
        f"error: start method 'nonsense' is not available here; choose from {METHODS}")
