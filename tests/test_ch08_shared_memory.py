"""Chapter 8: Value/Array, lost updates and the lock, sync primitives, locks for pools, SharedMemory clean-up.

What each run must show is in examples_scripts/checks/shared_memory.py, shared with the chapter's hidden cells.
"""

from examples_scripts.checks import shared_memory as check
from examples_scripts.launch import run


def test_value_and_array_with_and_without_lock(method):
    check.shared_array_slices(run("shared_array_slices.py", "--start-method", method, echo=False, timeout=90), method)


def test_plus_equals_can_lose_updates_and_get_lock_makes_the_total_exact(method):
    check.value_lost_updates(run("value_lost_updates.py", "--start-method", method, echo=False, timeout=90), method)


def test_ch08_ex1_counting_locally_then_adding_once_is_exact(method):
    """Exercise ch08-ex1."""
    check.ch08_ex1_count_locally(
        run("solutions/ch08_ex1_count_locally.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_event_semaphore_barrier_rlock(method):
    check.sync_primitives(run("sync_primitives.py", "--start-method", method, echo=False, timeout=90), method)


def test_lock_as_pool_task_argument_raises_the_inheritance_error(method):
    check.broken_lock_as_task_argument(
        run("broken/lock_as_task_argument.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_lock_through_pool_initializer_works(method):
    check.pool_lock_initializer(
        run("pool_lock_initializer.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_shared_memory_numpy_in_place_leaks_nothing(method):
    check.shm_numpy(run("shm_numpy.py", "--start-method", method, echo=False, timeout=90), method)


def test_ch08_ex2_a_failing_worker_still_leaks_nothing(method):
    """Exercise ch08-ex2."""
    check.ch08_ex2_shm_worker_fails(
        run("solutions/ch08_ex2_shm_worker_fails.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_no_unlink_warns_on_posix_and_is_freed_by_windows(method):
    check.broken_shm_no_unlink(run("broken/shm_no_unlink.py", "--start-method", method, echo=False, timeout=90), method)


def test_track_false_block_outlives_its_creator_on_posix(method):
    check.shm_track_false(run("shm_track_false.py", "--start-method", method, echo=False, timeout=90), method)


def test_shm_vs_pickle_measures_every_size_and_every_way():
    check.shm_vs_pickle(run("shm_vs_pickle.py", "--quick", echo=False, timeout=120))


def test_two_processes_see_each_others_writes_in_one_block_and_unlink_removes_it(method):
    check.shm_two_views(run("shm_two_views.py", "--start-method", method, echo=False, timeout=90), method)
