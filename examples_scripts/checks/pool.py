"""What chapter 4 (notebooks/04_pool.ipynb) must show: one function per script it runs.

Each function takes the ``subprocess.CompletedProcess`` that ``launch.run()`` returned and the
start method the script was given, and asserts every line the chapter and its tests rely on.
The chapter's hidden check cells and tests/test_ch04_pool.py both call them. Which worker ran
which task, and when, is up to the operating system: only what a pool guarantees is asserted.
"""

import re

from examples_scripts.checks import shown
from examples_scripts.launch import json_record


def fixed_blog_pool(r, method="spawn"):
    """The corrected blog example prints the ten squares and exits cleanly."""
    assert r.returncode == 0, shown(r)
    assert r.stdout == "[0, 1, 4, 9, 16, 25, 36, 49, 64, 81]\n", shown(r)


def pool_methods(r, method="spawn"):
    """Every call of the chapter's tour, in one script: the same results under every method."""
    assert r.returncode == 0, shown(r)
    assert r.stdout == (
        "map:            [0, 1, 4, 9, 16, 25, 36, 49]\n"
        "imap:           [0, 1, 4, 9, 16, 25, 36, 49]\n"
        "imap_unordered, sorted: [0, 1, 4, 9, 16, 25, 36, 49]\n"
        "starmap:        [3, 7, 11]\n"
        "apply_async:    30\n"
        "callback got:   [0.25, 0.5, 1.0] error_callback got: [ZeroDivisionError('division by zero')]\n"
        "map raised ZeroDivisionError('division by zero'); cause is a RemoteTraceback: True; "
        "it names the worker's line: True\n"
    ), shown(r)


def pool_timeline(r, method="spawn"):
    """Every task ran once, after it was submitted and before its result arrived, on at most
    pool_size workers; with chunksize=8 each block of 8 tasks ran in one worker. The times
    themselves are measured, never compared. Returns the data for the plot."""
    assert r.returncode == 0, shown(r)
    data = json_record(r)
    n, size = len(data["durations"]), data["pool_size"]
    assert data["start_method"] == method and data["machine"], shown(r)
    assert list(data["modes"]) == ["map, chunksize=1", "map, chunksize=8", "imap_unordered, chunksize=1"], shown(r)
    for label, tasks in data["modes"].items():
        assert sorted(t["task"] for t in tasks) == list(range(n)), label + shown(r)  # every task exactly once
        assert all(0 <= t["start"] < t["end"] for t in tasks), label + shown(r)
        assert all(t["end"] <= t["received"] + 0.01 for t in tasks), label + shown(r)  # (rounding: 10 ms slack)
        assert 1 <= len({t["worker"] for t in tasks}) <= size, label + shown(r)
    big, block = data["modes"]["map, chunksize=8"], n // size
    assert all(len({t["worker"] for t in big[i : i + block]}) == 1 for i in range(0, n, block)), shown(r)
    return data


def pool_initializer(r, method="spawn"):
    """The set-up ran once per worker (2), not once per task (8), and every task reused one."""
    assert r.returncode == 0, shown(r)
    # two whole lines, printed by the parent (the workers report through a queue): never run together
    assert r.stdout.splitlines()[:2] == ["set-up in a new worker: resource opened with 'hello'"] * 2, shown(r)
    assert r.stdout.count("set-up in a new worker") == 2, shown(r)
    assert (
        "results: ['hello 0', 'hello 1', 'hello 2', 'hello 3', 'hello 4', 'hello 5', 'hello 6', 'hello 7']" in r.stdout
    ), shown(r)
    # how many of the 2 workers got tasks is up to the scheduler: 1 or 2
    assert re.search(r"^8 tasks shared [12] resource\(s\); each was reused: True$", r.stdout, re.M), shown(r)


def pool_maxtasksperchild(r, method="spawn"):
    """Without a limit, 8 tasks ran in at most 2 workers; with maxtasksperchild=2, in at least 4,
    none of which ran more than 2. (Which worker ran which task varies from run to run.)"""
    assert r.returncode == 0, shown(r)
    found = [
        tuple(map(int, m.groups()))
        for m in re.finditer(r"^  (\d+) different worker\(s\); most tasks in one worker: (\d+)$", r.stdout, re.M)
    ]
    assert len(found) == 2, shown(r)
    (plain, plain_most), (limited, limited_most) = found
    assert 1 <= plain <= 2 and plain_most >= 4, shown(r)
    assert limited >= 4 and limited_most <= 2, shown(r)


def broken_pool_results_after_with(r, method="spawn"):
    """After the with block the result is not ready, and get(timeout=1) times out."""
    # seen identically on Python 3.11 and 3.14, under every start method
    assert r.returncode == 1, shown(r)
    assert r.stdout == (
        "after the with block: ready() = False\n"
        "get(timeout=1) raised multiprocessing.TimeoutError: the results never came\n"
    ), shown(r)


def ch04_ex1_pool_default_chunksize(r, method="spawn"):
    """Exercise ch04-ex1: map picks chunks of 13 for 100 tasks on 2 workers; each ran in one worker."""
    assert r.returncode == 0, shown(r)
    assert "predicted chunksize for 100 tasks on 2 workers: 13" in r.stdout, shown(r)
    assert "each of the 8 blocks of 13 tasks ran in one worker: True" in r.stdout, shown(r)


def ch04_ex2_pool_keep_good_results(r, method="spawn"):
    """Exercise ch04-ex2: every result and every error, each by the position of its input."""
    assert r.returncode == 0, shown(r)
    assert "results by position: {0: 0.25, 1: 0.5, 3: 1.0, 5: 0.2}" in r.stdout, shown(r)
    assert (
        "errors by position:  {2: \"ZeroDivisionError('division by zero')\", "
        "4: \"ZeroDivisionError('division by zero')\"}"
    ) in r.stdout, shown(r)
