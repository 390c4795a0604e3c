"""Chapter 8: Value/Array, lost updates and the lock, sync primitives, locks for pools, SharedMemory clean-up."""
import json
import re
import sys
from multiprocessing import shared_memory

import pytest

from examples_scripts.launch import run

LOCK_ERROR = "RuntimeError: Lock objects should only be shared between processes through inheritance"
LEAK_WARNING = ("UserWarning: resource_tracker: There appear to be 1 leaked shared_memory objects "
                "to clean up at shutdown")


def assert_block_is_gone(name):
    """Attaching by name must fail once the script has ended: nothing was left behind."""
    with pytest.raises(FileNotFoundError):
        shared_memory.SharedMemory(name=name)


def test_value_and_array_with_and_without_lock(method):
    r = run("shared_array_slices.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    ctype = "c_long" if sys.platform == "win32" else "c_int"
    assert f"Value('i', 0):             <Synchronized wrapper for {ctype}(0)>" in r.stdout
    assert f"Value('i', 0, lock=False): {ctype}(0)" in r.stdout
    assert "its lock:                  RLock" in r.stdout
    assert "has get_lock with lock=False: False" in r.stdout
    assert "filled in place by 3 workers: [0, 1, 4, 9, 16, 25, 36, 49, 64, 81, 100, 121]" in r.stdout


def test_plus_equals_loses_updates_and_get_lock_makes_the_total_exact(method):
    r = run("value_lost_updates.py", "--start-method", method, echo=False, timeout=90)
    assert r.returncode == 0, r.stderr
    assert "step by step, 3 x 1 increment:   total 1 of 3" in r.stdout   # forced by the Barrier
    assert "without the lock, 3 x 20000: lost some: True" in r.stdout
    assert "with get_lock(), 3 x 20000:  total 60000 of 60000" in r.stdout
    assert "exit codes: [0, 0, 0]" in r.stdout


def test_counting_locally_then_adding_once_is_exact(method):
    r = run("solutions/ch08_ex1_count_locally.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "3 x 20000: total 60000 of 60000\n"


def test_event_semaphore_barrier_rlock(method):
    r = run("sync_primitives.py", "--start-method", method, echo=False, timeout=90)
    assert r.returncode == 0, r.stderr
    assert re.search(r"Semaphore\(2\): at most 2 inside at once: True \(peak [12]\)", r.stdout)
    assert "after the Barrier each worker saw phase 1 done by: [4, 4, 4, 4] of 4" in r.stdout
    assert "Lock taken twice by one process: False" in r.stdout
    assert "RLock taken twice by one process: True" in r.stdout
    assert "exit codes: [0, 0, 0, 0]" in r.stdout


def test_lock_as_pool_task_argument_raises_the_inheritance_error(method):
    r = run("broken/lock_as_task_argument.py", "--start-method", method, echo=False, timeout=30)
    assert r.returncode == 1
    if sys.version_info >= (3, 14):   # 3.14 adds notes naming what failed to pickle
        assert r.stderr.endswith(LOCK_ERROR + "\nwhen serializing tuple item 0\nwhen serializing tuple item 3\n")
    else:
        assert r.stderr.endswith(LOCK_ERROR + "\n")
    assert ", in get\n" in r.stderr and "_handle_tasks" in r.stderr


def test_lock_through_pool_initializer_works(method):
    r = run("pool_lock_initializer.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "8 tasks x 1000 increments under the lock: counter = 8000 of 8000\n"


def test_shared_memory_numpy_in_place_leaks_nothing(method):
    r = run("shm_numpy.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""   # no resource tracker warning
    assert "before: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]" in r.stdout
    assert "after:  [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22]" in r.stdout
    assert "exit codes: [0, 0, 0]" in r.stdout
    assert_block_is_gone(re.search(r"block name: (\S+)", r.stdout)[1])


def test_a_failing_worker_still_leaks_nothing(method):
    r = run("solutions/ch08_ex2_shm_worker_fails.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert "exit codes: [0, 1, 0]" in r.stdout and "result: [0, 1, 2, 3, 16, 25]" in r.stdout
    assert "ValueError: worker 1 fails on purpose" in r.stderr and "resource_tracker" not in r.stderr
    assert_block_is_gone(re.search(r"block name: (\S+)", r.stdout)[1])


def test_no_unlink_warns_on_posix_and_is_freed_by_windows(method):
    r = run("broken/shm_no_unlink.py", "--start-method", method, echo=False)
    assert r.returncode == 0
    name = re.search(r"created (\S+)", r.stdout)[1]
    if sys.platform == "win32":   # no resource tracker; the block dies with its last handle
        assert "after close(): the block is gone" in r.stdout
        assert "resource_tracker" not in r.stderr
    else:
        assert "after close(): the block still exists and holds b'hello'" in r.stdout
        names = f": {{'/{name}'}}" if sys.version_info >= (3, 13) else ""   # 3.13+ lists the names
        assert LEAK_WARNING + names + "\n" in r.stderr, r.stderr
        assert r.stderr.count("leaked shared_memory") == 1
    assert_block_is_gone(name)   # the tracker (POSIX) or the OS (Windows) removed it


def test_track_false_block_outlives_its_creator_on_posix(method):
    r = run("shm_track_false.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    if sys.version_info < (3, 13):
        assert "SharedMemory has no track= (3.13+)" in r.stdout
        return
    name = re.search(r"the child created (\S+) with track=False and exited with code 0", r.stdout)[1]
    if sys.platform == "win32":
        assert "the block died with the child's last handle: nothing to unlink" in r.stdout
    else:
        assert "the block outlived the child and still holds b'hello'" in r.stdout
        assert "the parent unlinked it" in r.stdout
        assert "resource_tracker" not in r.stderr
    assert_block_is_gone(name)


def test_shm_vs_pickle_measures_every_size_and_pickling_is_slowest_at_the_top():
    r = run("shm_vs_pickle.py", "--quick", echo=False, timeout=120)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout.rsplit("json: ", 1)[1])
    assert data["sizes_mb"] == [1, 4, 16, 64] and data["repeats"] == 3 and data["start_method"] == "spawn"
    assert list(data["seconds"]) == ["pickled through a Pipe", "shared memory, array already in it",
                                     "shared memory, copied in first"]
    for per_size in data["seconds"].values():
        assert len(per_size) == 4 and all(len(t) == 3 and min(t) > 0 for t in per_size)
    top = {label: min(per_size[-1]) for label, per_size in data["seconds"].items()}  # fastest: robust under load
    assert top["pickled through a Pipe"] > 2 * top["shared memory, array already in it"], top
    assert "logical cores" in data["machine"] and "Python" in data["machine"]
