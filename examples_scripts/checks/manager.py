"""What the runs of chapter 7 (notebooks/07_manager.ipynb, Manager) must show.

One function per script, named after it (``broken_`` for the script in that folder). Each
takes the ``CompletedProcess`` that ``launch.run()`` returned and the start method it ran with.
The parent prints only after joining its children, so whole outputs are compared. What
depends on scheduling is never asserted: the racing count of ``manager_lost_update.py`` is
only checked to be possible, and ``manager_cost.py``'s times only to be measured.
"""

import re
import sys

from examples_scripts.checks import shown as _shown
from examples_scripts.launch import json_record

# the last line of the traceback when a proxy is used after the manager was shut down
AFTER_SHUTDOWN = {
    "linux": ("BrokenPipeError: [Errno 32] Broken pipe",),  # Python 3.11 and 3.14
    "darwin": ("BrokenPipeError: [Errno 32] Broken pipe",),
    "win32": (
        "BrokenPipeError: [WinError 232] The pipe is being closed",  # Windows
        "BrokenPipeError: [WinError 232] Pipe closed",
    ),  # Wine
}
COST_LABELS = ["local dict d[k] = v", "Queue.put(v)", "manager dict d[k] = v"]


def _output(r, *lines):
    """Exit status 0, and stdout exactly these lines."""
    assert r.returncode == 0, _shown(r)
    assert r.stdout.splitlines() == list(lines), _shown(r)


def manager_types(r, method="spawn"):
    """The parent holds proxies, and sees what all three children did (sorted: their order varies)."""
    _output(
        r,
        "the parent holds proxies: DictProxy ListProxy NamespaceProxy AcquirerProxy AutoProxy[Queue]",
        "queue: ['worker 1 done', 'worker 2 done', 'worker 3 done']",
        "dict:  {'worker 1': 1, 'worker 2': 4, 'worker 3': 9}",
        "list:  [1, 2, 3]",
        "ns.total: 6",
        "exit codes: [0, 0, 0]",
    )


def manager_cost(r, method="spawn"):
    """Three operations, five batches each, every one measured; returns the parsed measurements.

    No ordering is asserted: the times are this machine's, on this run.
    """
    assert r.returncode == 0 and "json: " in r.stdout, _shown(r)
    data = json_record(r)
    assert data["machine"] and f"Python {sys.version.split()[0]}" in data["machine"], _shown(r)
    times = data["seconds_per_op"]
    assert list(times) == COST_LABELS, _shown(r)
    assert all(len(t) == 5 and min(t) > 0 for t in times.values()), _shown(r)
    return data


def manager_nested(r, method="spawn"):
    """The in-place append is lost; reassigning and a nested proxy both keep it."""
    _output(
        r,
        "append_in_place:         d['list'] is a list      holding []",
        "append_and_reassign:     d['list'] is a list      holding ['x']",
        "append_to_nested_proxy:  d['list'] is a ListProxy holding ['x']",
    )


def manager_lost_update(r, method="spawn"):
    """Part 1 always loses one of 2 increments (a Barrier forces it); part 2 loses between none and
    all but one, as scheduling decides; the lock makes part 3 exact. Returns part 2's count."""
    assert r.returncode == 0, _shown(r)
    lines = r.stdout.splitlines()
    assert len(lines) == 3, _shown(r)
    assert lines[0] == "1. read, wait, write:      2 increments, d['n'] = 1", _shown(r)
    racy = re.fullmatch(r"2\. racing, no lock:      600 increments, d\['n'\] = (\d+) \((\d+) lost this run\)", lines[1])
    assert racy and 1 <= int(racy[1]) <= 600 and int(racy[2]) == 600 - int(racy[1]), _shown(r)
    assert lines[2] == "3. with manager.Lock():  600 increments, d['n'] = 600", _shown(r)
    return int(racy[1])


def broken_manager_proxy_after_with(r, method="spawn"):
    """The first call after the with block fails at once, with the platform's broken-pipe error."""
    assert r.returncode == 1, _shown(r)
    assert r.stdout == "inside the with block: d['answer'] = 42\n", _shown(r)
    last_line = r.stderr.rstrip().splitlines()[-1] if r.stderr.strip() else ""
    assert last_line in AFTER_SHUTDOWN[sys.platform], _shown(r)


def manager_authkey(r, method="spawn"):
    """The child got in with the inherited key; the wrong key was refused with this exact error."""
    _output(
        r,
        "server listening on 127.0.0.1, on a port the OS chose",
        "child: child done",
        "wrong authkey -> multiprocessing.context.AuthenticationError: digest sent was rejected",
        "store: {'child': 'connected with the inherited authkey'}",
        "with block ended: server shut down",
    )


def ch07_ex1_manager_per_worker_keys(r, method="spawn"):
    """Exercise ch07-ex1: one key per worker counts exactly without a lock."""
    _output(r, "per worker: {'worker 0': 300, 'worker 1': 300, 'worker 2': 300}", "total: 900 of 900 increments")


def ch07_ex2_namespace_nested(r, method="spawn"):
    """Exercise ch07-ex2: a list in a Namespace has the same pitfall, and the same fix."""
    _output(r, "append_in_place:      ns.items = []", "append_and_reassign:  ns.items = ['x']")


def manager_calls(r, method="spawn"):
    """Seven calls, all run by the server (a pid of its own), each caller's in one server thread of its own.

    The order of the two workers' calls is this run's; only each worker's own order is asserted.
    Returns the parsed facts, which the chapter draws.
    """
    assert r.returncode == 0 and r.stderr == "", _shown(r)
    data = json_record(r)
    pids, calls = data["pids"], data["calls"]
    assert set(pids) == {"parent", "worker 1", "worker 2"}, data
    assert len(set(pids.values()) | {data["server_pid"]}) == 4, data  # four processes
    assert {c["pid"] for c in calls} == {data["server_pid"]}, data  # every call ran in the server
    said = [(c["who"], c["call"], c["reply"]) for c in calls]
    assert said[0] == ("parent", "set n=7", "None") and said[-2:] == [
        ("parent", "get w1", "7"),
        ("parent", "get w2", "14"),
    ], said
    for i in (1, 2):
        mine = [(call, reply) for who, call, reply in said if who == f"worker {i}"]
        assert mine == [("get n", "7"), (f"set w{i}={7 * i}", "None")], said
    threads = {who: {c["thread"] for c in calls if c["who"] == who} for who in pids}
    assert all(len(t) == 1 for t in threads.values()), threads  # one server thread per caller
    # the server names the thread after the process it serves (Server.accept_connection)
    assert threads == {"parent": {"MainProcess"}, "worker 1": {"worker 1"}, "worker 2": {"worker 2"}}, threads
    assert "AutoProxy[Board]" in r.stdout and "results read by the parent: [7, 14]" in r.stdout, _shown(r)
    assert "exit codes: [0, 0]" in r.stdout, _shown(r)
    return data


def fixed_manager_proxy_after_with(r, method="spawn"):
    """The copy made inside the block is a plain dict, usable after the manager has shut down."""
    _output(r, "after the with block: result['answer'] = 42 (dict)")
