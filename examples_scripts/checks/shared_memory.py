"""What the runs of chapter 8 (notebooks/08_shared_memory.ipynb, shared memory and
synchronisation) must show.

One function per script, named after it (``broken_`` for the scripts in that folder). Each
takes the ``CompletedProcess`` that ``launch.run()`` returned and the start method it ran with.
Only what holds on every run is asserted. The lost updates that a Barrier forces are exact;
the racing loop's count is only checked to be possible (scheduling decides it, and it can be
zero); the benchmark's times are only checked to be measured. Where a script leaves a shared
memory block's name behind, the check makes sure the name is gone.
"""

import re
import sys
from multiprocessing import shared_memory

from examples_scripts.checks import shown as _shown
from examples_scripts.launch import json_record

LOCK_ERROR = "RuntimeError: Lock objects should only be shared between processes through inheritance"
LEAK_WARNING = (
    "UserWarning: resource_tracker: There appear to be 1 leaked shared_memory objects to clean up at shutdown"
)
BENCH_LABELS = ["pickled through a Pipe", "shared memory, array already in it", "shared memory, copied in first"]


def _has(r, *lines):
    for line in lines:
        assert line in r.stdout, f"expected {line!r} in stdout:" + _shown(r)


def _block_is_gone(r, pattern):
    """Attaching to the block the script names must fail once it has ended: nothing was left behind."""
    found = re.search(pattern, r.stdout)
    assert found, f"no block name ({pattern!r}) in stdout:" + _shown(r)
    try:
        block = shared_memory.SharedMemory(name=found[1])
    except FileNotFoundError:
        return found[1]
    block.close()
    raise AssertionError(f"{found[1]} still exists" + _shown(r))


def shared_array_slices(r, method="spawn"):
    """The wrapper has an RLock, lock=False has none, and the parent sees the workers' writes."""
    assert r.returncode == 0, _shown(r)
    ctype = "c_long" if sys.platform == "win32" else "c_int"  # ctypes' name for a C int on Windows
    _has(
        r,
        f"Value('i', 0):             <Synchronized wrapper for {ctype}(0)>",
        f"Value('i', 0, lock=False): {ctype}(0)",
        "its lock:                  RLock",
        "has get_lock with lock=False: False",
        "filled in place by 3 workers: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121]",
    )


def value_lost_updates(r, method="spawn"):
    """The forced interleaving loses exactly 2 of 3; the racing loop loses what scheduling decides
    (from none to all but one); the lock loses none. Returns how many the racing loop lost."""
    assert r.returncode == 0, _shown(r)
    _has(
        r,
        "step by step, 3 x 1 increment:   total 1 of 3",  # forced by the Barrier
        "with get_lock(), 3 x 20000:  total 60000 of 60000",
        "exit codes: [0, 0, 0]",
    )
    racy = re.search(r"^without the lock, 3 x 20000: total (\d+) of 60000 \((\d+) lost this run\)$", r.stdout, re.M)
    assert racy and 1 <= int(racy[1]) <= 60000 and int(racy[2]) == 60000 - int(racy[1]), _shown(r)
    return int(racy[2])


def ch08_ex1_count_locally(r, method="spawn"):
    """Exercise ch08-ex1: counting locally, then adding once under the lock, is exact."""
    assert r.returncode == 0, _shown(r)
    assert r.stdout == "3 x 20000: total 60000 of 60000\n", _shown(r)


def sync_primitives(r, method="spawn"):
    """The Semaphore bound held, the Barrier made phase 1 complete for all, RLock re-enters, Lock does not."""
    assert r.returncode == 0, _shown(r)
    # the peak is 1 or 2, as the workers happen to overlap; never more
    assert re.search(r"Semaphore\(2\): at most 2 inside at once: True \(peak [12]\)", r.stdout), _shown(r)
    _has(
        r,
        "after the Barrier each worker saw phase 1 done by: [4, 4, 4, 4] of 4",
        "Lock taken twice by one process: False",
        "RLock taken twice by one process: True",
        "exit codes: [0, 0, 0, 0]",
    )


def broken_lock_as_task_argument(r, method="spawn"):
    """The exact RuntimeError, raised by get() in the parent; 3.14 adds notes naming the tuple items."""
    assert r.returncode == 1, _shown(r)
    if sys.version_info >= (3, 14):
        assert r.stderr.endswith(LOCK_ERROR + "\nwhen serializing tuple item 0\nwhen serializing tuple item 3\n"), (
            _shown(r)
        )
    else:
        assert r.stderr.endswith(LOCK_ERROR + "\n"), _shown(r)
    assert ", in get\n" in r.stderr and "_handle_tasks" in r.stderr, _shown(r)  # get() re-raised it


def pool_lock_initializer(r, method="spawn"):
    """Through initializer, the lock works and the total is exact."""
    assert r.returncode == 0, _shown(r)
    assert r.stdout == "8 tasks x 1000 increments under the lock: counter = 8000 of 8000\n", _shown(r)


def shm_numpy(r, method="spawn"):
    """Every slice doubled in place, no resource tracker warning, and the block's name gone at the end."""
    assert r.returncode == 0, _shown(r)
    assert r.stderr == "", _shown(r)  # no resource tracker warning
    _has(
        r,
        "before: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]",
        "after:  [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22]",
        "exit codes: [0, 0, 0]",
    )
    _block_is_gone(r, r"block name: (\S+)")


def ch08_ex2_shm_worker_fails(r, method="spawn"):
    """Exercise ch08-ex2: a failing worker, and still no warning and no block left behind."""
    assert r.returncode == 0, _shown(r)
    _has(r, "exit codes: [0, 1, 0]", "result: [0, 1, 2, 3, 16, 25]")
    assert "ValueError: worker 1 fails on purpose" in r.stderr, _shown(r)
    assert "resource_tracker" not in r.stderr, _shown(r)
    _block_is_gone(r, r"block name: (\S+)")


def broken_shm_no_unlink(r, method="spawn"):
    """Each OS does what the chapter says, with the warning text of this Python version; nothing is left."""
    assert r.returncode == 0, _shown(r)
    name = re.search(r"created (\S+)", r.stdout)
    assert name, _shown(r)
    if sys.platform == "win32":  # no resource tracker; the block dies with its last handle
        _has(r, "after close(): the block is gone")
        assert "resource_tracker" not in r.stderr, _shown(r)
    else:
        _has(r, "after close(): the block still exists and holds b'hello'")
        names = f": {{'/{name[1]}'}}" if sys.version_info >= (3, 13) else ""  # 3.13+ lists the names
        assert LEAK_WARNING + names + "\n" in r.stderr, _shown(r)
        assert r.stderr.count("leaked shared_memory") == 1, _shown(r)
    _block_is_gone(r, r"created (\S+)")  # the tracker (POSIX) or the OS (Windows) removed it


def shm_track_false(r, method="spawn"):
    """Before 3.13 no track=; on POSIX the block outlives its creator and the parent unlinks it;
    on Windows it is gone."""
    assert r.returncode == 0, _shown(r)
    if sys.version_info < (3, 13):
        _has(r, "SharedMemory has no track= (3.13+)")
        return
    pattern = r"the child created (\S+) with track=False and exited with code 0"
    if sys.platform == "win32":
        _has(r, "the block died with the child's last handle: nothing to unlink")
    else:
        _has(r, "the block outlived the child and still holds b'hello'", "the parent unlinked it")
        assert "resource_tracker" not in r.stderr, _shown(r)
    _block_is_gone(r, pattern)


def shm_vs_pickle(r, method="spawn"):
    """Every size and every way measured, every time positive; returns the parsed measurements.

    No ordering is asserted: the times are this machine's, on this run.
    """
    assert r.returncode == 0 and "json: " in r.stdout, _shown(r)
    data = json_record(r)
    assert data["sizes_mb"] == [1, 4, 16, 64] and data["repeats"] == 3, _shown(r)  # --quick
    assert data["start_method"] == method, _shown(r)
    assert list(data["seconds"]) == BENCH_LABELS, _shown(r)
    for per_size in data["seconds"].values():
        assert len(per_size) == 4 and all(len(t) == 3 and min(t) > 0 for t in per_size), _shown(r)
    assert "logical cores" in data["machine"] and "Python" in data["machine"], _shown(r)
    return data


def shm_two_views(r, method="spawn"):
    """Nine steps in this order: the child sees the parent's write, the parent the child's; the name is gone."""
    assert r.returncode == 0 and r.stderr == "", _shown(r)  # no resource tracker warning
    data = json_record(r)
    steps = [(who, step) for who, step, _ in data["steps"]]
    assert steps == [
        ("parent", "create"),
        ("parent", "write a[0] = 1"),
        ("child", "attach by name"),
        ("child", "read a[0]"),
        ("child", "write a[1] = 2"),
        ("child", "close()"),
        ("parent", "read a[1]"),
        ("parent", "close()"),
        ("parent", "unlink()"),
    ], data
    details = {step: detail for _, step, detail in data["steps"]}
    assert details["read a[0]"] == "sees 1" and details["read a[1]"] == "sees 2", data
    assert data["size"] >= 32 and data["pids"]["parent"] != data["pids"]["child"], data
    _has(r, "after unlink(): attaching by name now raises FileNotFoundError", "child exit code: 0")
    _block_is_gone(r, r"block (\S+):")
    return data
