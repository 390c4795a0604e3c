"""Chapter 4: pool methods, chunksize timeline, initializer, maxtasksperchild, the with-block pitfall."""
import json
import re

import pytest

from examples_scripts.launch import run
from examples_scripts.pool_workers import add, reciprocal, slow_first, square


def test_blog_example_corrected(method):
    r = run("fixed/blog_pool.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]\n"


def test_pool_methods_tour(method):
    r = run("pool_methods.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout == (
        "map:            [0, 1, 4, 9, 16, 25, 36, 49]\n"
        "imap:           [0, 1, 4, 9, 16, 25, 36, 49]\n"
        "imap_unordered, sorted: [0, 1, 4, 9, 16, 25, 36, 49]\n"
        "starmap:        [3, 7, 11]\n"
        "apply_async:    30\n"
        "callback got:   [0.25, 0.5, 1.0] error_callback got: [ZeroDivisionError('division by zero')]\n"
        "map raised ZeroDivisionError('division by zero'); cause is a RemoteTraceback: True; "
        "it names the worker's line: True\n")


def test_notebook_workers_module_is_plain_functions():
    # examples_scripts/pool_workers.py: the notebook's pools use these (the notebook itself runs them
    # in spawned workers; a pool here would leave a resource tracker running in pytest)
    assert (square(7), add(2, 3), slow_first(2), reciprocal(4)) == (49, 5, 4, 0.25)
    with pytest.raises(ZeroDivisionError):
        reciprocal(0)


def test_timeline_json_is_complete_and_sane(method):
    r = run("pool_timeline.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout.rsplit("json: ", 1)[1])
    n, size = len(data["durations"]), data["pool_size"]
    assert data["start_method"] == method and data["machine"]
    assert list(data["modes"]) == ["map, chunksize=1", "map, chunksize=8", "imap_unordered, chunksize=1"]
    for label, tasks in data["modes"].items():
        assert sorted(t["task"] for t in tasks) == list(range(n)), label   # every task exactly once
        assert all(0 <= t["start"] < t["end"] for t in tasks), label
        assert all(t["end"] <= t["received"] + 0.01 for t in tasks), label   # (clock ticks: 10 ms slack)
        assert 1 <= len({t["worker"] for t in tasks}) <= size, label
    big = data["modes"]["map, chunksize=8"]
    assert all(len({t["worker"] for t in big[i:i + n // size]}) == 1 for i in range(0, n, n // size))


def test_initializer_runs_once_per_worker_not_per_task(method):
    r = run("pool_initializer.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("set-up in a new worker: resource opened with 'hello'") == 2
    assert "results: ['hello 0', 'hello 1', 'hello 2', 'hello 3', 'hello 4', 'hello 5', 'hello 6', 'hello 7']" in r.stdout
    assert re.search(r"8 tasks shared [12] resource\(s\); each was reused: True", r.stdout)


def test_maxtasksperchild_changes_worker_pids(method):
    r = run("pool_maxtasksperchild.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    (plain, _), (limited, most) = [tuple(map(int, m.groups())) for m in re.finditer(
        r"(\d+) different worker pid\(s\); most tasks in one worker: (\d+)", r.stdout)]
    assert 1 <= plain <= 2
    assert limited >= 4 and most <= 2


def test_results_not_collected_inside_the_with_block_never_arrive(method):
    r = run("broken/pool_results_after_with.py", "--start-method", method, echo=False, timeout=30)
    # seen identically on Python 3.11 and 3.14, under every start method
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert r.stdout == ("after the with block: ready() = False\n"
                        "get(timeout=1) raised multiprocessing.TimeoutError: the results never came\n")


def test_exercise_1_default_chunksize(method):
    r = run("solutions/ch04_ex1_pool_default_chunksize.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert "predicted chunksize for 100 tasks on 2 workers: 13" in r.stdout
    assert "each of the 8 blocks of 13 tasks ran in one worker: True" in r.stdout


def test_exercise_2_keep_good_results(method):
    r = run("solutions/ch04_ex2_pool_keep_good_results.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert "results by position: {0: 0.25, 1: 0.5, 3: 1.0, 5: 0.2}" in r.stdout
    assert ("errors by position:  {2: \"ZeroDivisionError('division by zero')\", "
            "4: \"ZeroDivisionError('division by zero')\"}") in r.stdout
