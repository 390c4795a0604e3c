"""Chapter 15 (notebooks/15_beyond.ipynb): what each run of its scripts must show.

The chapter's hidden check cells and tests/test_ch15_beyond.py call these functions with the
``subprocess.CompletedProcess`` of a run. Times are checked for shape only (every engine
measured, every time positive), never compared: one start-up each, on a machine that may be
busy. Which Dask worker ran which task is up to the scheduler, so no check counts them.
"""

import re
import sys
import sysconfig
from importlib.util import find_spec

from examples_scripts.checks import shown
from examples_scripts.launch import json_record

FIRST_FOUR = "first 4 [216, 345, 826, 307]"  # burn(0) .. burn(3), the same everywhere
CAUGHT = "the client caught: ValueError('seed must be >= 0, got -1')"


def last_json(r):
    """The numbers a script printed on its last line, ``json: {...}``."""
    assert "json: " in r.stdout, shown(r)
    return json_record(r)


def engines_benchmark(r, method="spawn"):
    """One process, a Pool and joblib each timed; returns the numbers."""
    assert r.returncode == 0, shown(r)
    data = last_json(r)
    assert list(data["seconds"]) == ["one process", f"Pool ({method})", "joblib (loky)"], data
    assert all(len(t) == 2 and min(t) > 0 for t in data["seconds"].values()), data
    assert data["start"]["one process"] == 0 and data["start"][f"Pool ({method})"] > 0, data
    assert data["start"]["joblib (loky)"] > 0, data
    assert "logical cores" in data["machine"] and "Python" in data["machine"], data
    return data


def joblib_without_guard(r):
    """No main guard, and loky still works: its workers never import the main module."""
    assert r.returncode == 0, shown(r)
    assert "results: [216, 345, 826, 307]" in r.stdout, shown(r)
    assert r.stdout.count("module level:") == 1, shown(r)


def use_cluster(r):
    """What dask_local.use_cluster() prints, on whichever cluster it ran."""
    out = r.stdout
    assert "workers: 2" in out.splitlines(), shown(r)
    assert f"map + gather: 16 results, {FIRST_FOUR}" in out, shown(r)
    assert re.search(
        r"^submit \+ as_completed: 8 tasks ran in [12] worker process\(es\); in this process: False$", out, re.M
    ), shown(r)
    assert CAUGHT in out, shown(r)
    tb = out.split("the worker's traceback, sent back with it:\n", 1)[1]
    assert tb.startswith("  File ") and 'cpu_work.py", line' in tb and "in check_positive" in tb, shown(r)


def timings(data, engine):
    assert data["engine"] == engine and data["start"] > 0, data
    assert len(data["seconds"]) == 2 and min(data["seconds"]) > 0, data
    assert "logical cores" in data["machine"], data


def dask_local(r, method="spawn"):
    """A LocalCluster of 2 workers: right results, tasks elsewhere, the error with its traceback."""
    assert r.returncode == 0, shown(r)
    out = r.stdout
    assert "scheduler at tcp://127.0.0.1:" in out, shown(r)
    if find_spec("bokeh") is None:
        assert "dashboard: off (it needs bokeh: pip install bokeh)" in out, shown(r)
    else:
        assert "dashboard: http://127.0.0.1:" in out, shown(r)
    assert "each worker process is watched by a Nanny object in this process" in out, shown(r)
    use_cluster(r)
    assert "Compute Failed" in r.stderr, shown(r)  # the worker's own log line, written before it reports
    data = last_json(r)
    timings(data, "Dask LocalCluster")
    return data


def dask_by_address(r, method="spawn"):
    """A scheduler and 2 workers started as commands, the same work by address, all stopped."""
    assert r.returncode == 0, shown(r)
    out = r.stdout
    assert "$ dask scheduler --host 127.0.0.1 --port 0 --no-dashboard --scheduler-file <tmp>/scheduler.json" in out, (
        shown(r)
    )
    assert out.count("$ dask worker tcp://127.0.0.1:") == 2, shown(r)
    assert out.count("--host 127.0.0.1 --nworkers 1 --nthreads 1 --no-dashboard") == 2, shown(r)
    assert "connected: Client('tcp://127.0.0.1:" in out, shown(r)
    assert "each worker runs in a child process of a `dask worker` command (its nanny): True" in out, shown(r)
    use_cluster(r)
    # graceful shutdown has 20 s before the rest is killed: how many needed killing is reported, not checked
    assert re.search(r"^scheduler and workers stopped \(\d had to be killed\)$", out, re.M), shown(r)
    data = last_json(r)
    timings(data, "Dask by address")
    return data


def dask_no_main_guard(r):
    """broken/dask_no_main_guard.py: the spawned worker re-imports the script and fails to bootstrap."""
    assert r.returncode == 1, shown(r)
    # the parent, then its one worker, which re-imported the script; no results
    assert r.stdout.splitlines() == ["module level: __name__ = '__main__'", "module level: __name__ = '__mp_main__'"], (
        shown(r)
    )
    assert "RuntimeError: \n" in r.stderr, shown(r)
    assert "current process has finished its bootstrapping phase." in r.stderr, shown(r)
    # the parent's nanny notices only when the worker process has exited: its traceback comes last
    assert r.stderr.strip().splitlines()[-1] == "RuntimeError: Nanny failed to start.", shown(r)


def interpreter_pool(r):
    """InterpreterPoolExecutor from 3.14 on; the build's GIL report on every version."""
    out = r.stdout
    assert r.returncode == 0, shown(r)
    if sys.version_info >= (3, 14):
        assert "InterpreterPoolExecutor(2): same results as one interpreter: True" in out, shown(r)
    else:
        assert f"InterpreterPoolExecutor needs Python 3.14; this is {sys.version.split()[0]}" in out, shown(r)
    free_threaded = bool(sysconfig.get_config_var("Py_GIL_DISABLED"))  # the script runs this same Python
    assert f"free-threaded build: {free_threaded}" in out, shown(r)
    if sys.version_info >= (3, 13):  # a free-threaded build may turn the GIL on for an extension
        assert ("sys._is_gil_enabled(): " + ("" if free_threaded else "True")) in out, shown(r)
    else:
        assert "sys._is_gil_enabled() does not exist before Python 3.13" in out, shown(r)


def interpreter_main(r, stdin):
    """3.14: a function with no global goes as code; one with a global makes the worker run the script again,
    which standard input cannot give it. Before 3.14: the class does not exist."""
    out = r.stdout
    assert r.returncode == 0, shown(r)
    if sys.version_info < (3, 14):
        assert f"InterpreterPoolExecutor needs Python 3.14; this is {sys.version.split()[0]}" in out, shown(r)
        return
    assert out.startswith("module level runs as '__main__' in interpreter 0\nplain(3) = 6\n"), shown(r)
    if stdin:
        assert "uses_global(3) failed: concurrent.interpreters.NotShareableError: args not shareable" in out, shown(r)
        assert "<fake __main__>" not in out, shown(r)
    else:
        again = r"^module level runs as '<fake __main__>' in interpreter (\d+)\nuses_global\(3\) = 30$"
        rerun = re.search(again, out, re.M)
        assert rerun and rerun[1] != "0", shown(r)


def ch15_ex2_executor_batch(r, method="spawn"):
    """Exercise ch15-ex2: the batch on a ProcessPoolExecutor gives the same results."""
    assert r.returncode == 0, shown(r)
    assert f"ProcessPoolExecutor ({method}): same results as one process: True" in r.stdout, shown(r)
    assert "batch of 16 calls: median" in r.stdout, shown(r)
