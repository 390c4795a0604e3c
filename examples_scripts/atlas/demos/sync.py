"""Atlas demos: shared memory, shared ctypes and locks used wrongly. Name a case; it makes one message appear.

Run from the book's root folder, for example
``python examples_scripts/atlas/demos/sync.py shm-zero-size``. Watch for the last line of the
traceback: the message the atlas entry (book/atlas/sync.md) is about. The resource tracker's cases
(Linux and macOS: Windows has no resource tracker) print their message from the tracker's own
process, on stderr, after the traceback or without one. Each case's docstring says what it does
wrong; every shared memory block it creates is unlinked in a ``finally``, and every wait is bounded.
"""

import multiprocessing as mp
import os
import secrets
import signal
import subprocess
import sys
import time
from multiprocessing import resource_tracker, shared_memory, sharedctypes

from _cases import run_cases  # the command line every atlas demo shares

# What another program does with a block it attaches to by name: it attaches, says so, waits for a
# line on stdin, then ends without unlink() (only the creator must unlink).
ATTACH = """
import sys
from multiprocessing import shared_memory
shm = shared_memory.SharedMemory(name=sys.argv[1])
print("other program: attached to", shm.name, flush=True)
sys.stdin.readline()
shm.close()
"""


def idle(lock):
    """The children's target: returns at once."""


def heap_too_large(ctx):
    """A shared array of sys.maxsize bytes: more than any heap can hold."""
    ctx.RawArray("b", sys.maxsize)


def shm_without_name(ctx):
    """SharedMemory() with neither a name to attach to nor create=True."""
    shared_memory.SharedMemory(size=1024)


def shm_negative_size(ctx):
    """SharedMemory(create=True) with a negative size."""
    shared_memory.SharedMemory(create=True, size=-1)


def shm_zero_size(ctx):
    """SharedMemory(create=True) with size 0, the default."""
    shared_memory.SharedMemory(create=True)


def shm_name_taken(ctx):
    """SharedMemory(name=..., create=True) with a name a block already has."""
    name = f"atlas_{secrets.token_hex(4)}"
    first = shared_memory.SharedMemory(name=name, create=True, size=1024)
    try:
        shared_memory.SharedMemory(name=name, create=True, size=1024)
    finally:
        first.close()
        first.unlink()


def list_index(ctx):
    """ShareableList[i] with i past the end."""
    sl = shared_memory.ShareableList([1, 2, 3])
    try:
        print(sl[3])
    finally:
        sl.shm.close()
        sl.shm.unlink()


def list_assignment_index(ctx):
    """ShareableList[i] = value with i past the end: a ShareableList cannot grow."""
    sl = shared_memory.ShareableList([1, 2, 3])
    try:
        sl[3] = 4
    finally:
        sl.shm.close()
        sl.shm.unlink()


def list_item_too_long(ctx):
    """ShareableList[i] = a str longer than the one it was created with."""
    sl = shared_memory.ShareableList(["short", 0])
    try:
        sl[0] = "a much longer string"
    finally:
        sl.shm.close()
        sl.shm.unlink()


def list_index_missing(ctx):
    """ShareableList.index(x) for a value it does not hold."""
    sl = shared_memory.ShareableList([1, 2, 3])
    try:
        print(sl.index(99))
    finally:
        sl.shm.close()
        sl.shm.unlink()


def already_synchronized(ctx):
    """sharedctypes.synchronized() on a Value, which already has its lock."""
    sharedctypes.synchronized(ctx.Value("i", 0))


def lock_not_a_lock(ctx):
    """Value(..., lock=ctx.Lock): the method, not a lock (the parentheses are missing)."""
    ctx.Value("i", 0, lock=ctx.Lock)


def notify_without_lock(ctx):
    """Condition.notify() without holding the condition's lock."""
    ctx.Condition().notify()


def wait_without_lock(ctx):
    """Condition.wait() without holding the condition's lock."""
    ctx.Condition().wait(timeout=1)


def fork_lock_to_spawn(ctx):
    """A Lock made by the fork context, given to a process of the spawn context."""
    lock = mp.get_context("fork").Lock()
    p = mp.get_context("spawn").Process(target=idle, args=(lock,))
    p.start()
    p.join(timeout=20)


def tracker_unknown_type(ctx):
    """resource_tracker.unregister() with a wrong type name ("shm", not "shared_memory")."""
    shm = shared_memory.SharedMemory(create=True, size=1024)
    try:
        resource_tracker.unregister(shm._name, "shm")
    finally:
        shm.close()
        shm.unlink()
    time.sleep(0.5)  # the tracker reads the command and prints its error


def tracker_killed(ctx):
    """The resource tracker process is killed (as the out-of-memory killer would), then a block is created."""
    resource_tracker.ensure_running()
    pid = resource_tracker._resource_tracker._pid
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    shm = shared_memory.SharedMemory(create=True, size=1024)  # the next call to the tracker relaunches it
    shm.close()
    shm.unlink()


def tracker_cleanup_fails(ctx):
    """Another program attaches to a block by name; the creator unlinks it; the other program's tracker tries too."""
    shm = shared_memory.SharedMemory(create=True, size=1024)
    other = subprocess.Popen(
        [sys.executable, "-c", ATTACH, shm.name], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        print(other.stdout.readline(), end="", flush=True)
    finally:
        shm.close()
        shm.unlink()
        print("creator: closed and unlinked the block", flush=True)
        other.communicate("done\n", timeout=20)
    time.sleep(0.5)  # the other program's tracker cleans up after it ends


CASES = {
    f.__name__.replace("_", "-"): f
    for f in (
        heap_too_large,
        shm_without_name,
        shm_negative_size,
        shm_zero_size,
        shm_name_taken,
        list_index,
        list_assignment_index,
        list_item_too_long,
        list_index_missing,
        already_synchronized,
        lock_not_a_lock,
        notify_without_lock,
        wait_without_lock,
        fork_lock_to_spawn,
        tracker_unknown_type,
        tracker_killed,
        tracker_cleanup_fails,
    )
}


if __name__ == "__main__":
    run_cases(__doc__, CASES)
