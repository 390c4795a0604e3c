"""Chapter 7: Manager proxies, their cost, the nested-mutation pitfall, lost updates, shutdown, authkey."""
import json
import re
import sys

from examples_scripts.launch import run

# the last line of the traceback when a proxy is used after the manager was shut down
AFTER_SHUTDOWN = {
    "linux": ("BrokenPipeError: [Errno 32] Broken pipe",),   # Python 3.11 and 3.14
    "darwin": ("BrokenPipeError: [Errno 32] Broken pipe",),
    "win32": ("BrokenPipeError: [WinError 232] The pipe is being closed",  # Windows
              "BrokenPipeError: [WinError 232] Pipe closed"),              # Wine
}


def test_dict_list_namespace_lock_queue_are_shared_through_proxies(method):
    r = run("manager_types.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "the parent holds proxies: DictProxy ListProxy NamespaceProxy AcquirerProxy AutoProxy[Queue]",
        "queue: ['worker 1 done', 'worker 2 done', 'worker 3 done']",
        "dict:  {'worker 1': 1, 'worker 2': 4, 'worker 3': 9}",
        "list:  [1, 2, 3]",
        "ns.total: 6",
        "exit codes: [0, 0, 0]",
    ]


def test_a_manager_call_costs_far_more_than_a_local_one_or_a_queue_put():
    r = run("manager_cost.py", "--quick", echo=False, timeout=120)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout.rsplit("json: ", 1)[1])
    assert data["machine"] and f"Python {sys.version.split()[0]}" in data["machine"]
    times = data["seconds_per_op"]
    assert list(times) == ["local dict d[k] = v", "Queue.put(v)", "manager dict d[k] = v"]
    assert all(len(t) == 5 and min(t) > 0 for t in times.values())
    local, put, managed = (min(t) for t in times.values())  # fastest batches: robust under load
    assert managed > 100 * local and managed > 3 * put, (local, put, managed)


def test_appending_to_a_nested_list_is_lost_and_both_fixes_work(method):
    r = run("manager_nested.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "append_in_place:         d['list'] is a list      holding []",
        "append_and_reassign:     d['list'] is a list      holding ['x']",
        "append_to_nested_proxy:  d['list'] is a ListProxy holding ['x']",
    ]


def test_read_then_write_loses_an_update_and_the_lock_makes_the_count_exact(method):
    r = run("manager_lost_update.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert len(lines) == 3, r.stdout
    assert lines[0] == "1. read, wait, write:      2 increments, d['n'] = 1"   # always, by construction
    racy = re.fullmatch(r"2\. racing, no lock:      600 increments, d\['n'\] = (\d+) \(varies from run to run\)",
                        lines[1])
    assert racy and 1 <= int(racy[1]) <= 600, lines[1]   # its exact value is not asserted
    assert lines[2] == "3. with manager.Lock():  600 increments, d['n'] = 600"


def test_a_proxy_used_after_the_with_block_raises_broken_pipe(method):
    r = run("broken/manager_proxy_after_with.py", "--start-method", method, echo=False, timeout=30)
    assert r.returncode == 1
    assert r.stdout == "inside the with block: d['answer'] = 42\n"
    assert r.stderr.rstrip().splitlines()[-1] in AFTER_SHUTDOWN[sys.platform], r.stderr


def test_inherited_authkey_connects_and_a_wrong_one_is_refused(method):
    r = run("manager_authkey.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "server listening on 127.0.0.1, on a port the OS chose",
        "child: child done",
        "wrong authkey -> multiprocessing.context.AuthenticationError: digest sent was rejected",
        "store: {'child': 'connected with the inherited authkey'}",
        "with block ended: server shut down",
    ]


def test_exercise_one_key_per_worker_counts_exactly_without_a_lock(method):
    r = run("solutions/ch07_ex1_manager_per_worker_keys.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "per worker: {'worker 0': 300, 'worker 1': 300, 'worker 2': 300}",
        "total: 900 of 900 increments",
    ]


def test_exercise_a_list_in_a_namespace_has_the_same_pitfall(method):
    r = run("solutions/ch07_ex2_namespace_nested.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "append_in_place:      ns.items = []",
        "append_and_reassign:  ns.items = ['x']",
    ]
