"""What the runs of chapter 5 (notebooks/05_queue.ipynb, Queue) must show.

One function per script, named after it (``broken_``/``fixed_`` for the scripts in those
folders). Each takes the ``CompletedProcess`` that ``launch.run()`` returned and the start
method it ran with, and asserts only what holds on every run: nothing here depends on which
consumer took which item. The one margin is exercise 2's: a child whose item fit in the pipe
has 3 s to exit, which takes it milliseconds.
"""

import re
import sys

from examples_scripts.checks import shown as _shown
from examples_scripts.launch import json_record

SQUARES_0_TO_8 = "results: [0, 1, 4, 9, 16, 25, 36, 49, 64]"
QUEUE_ERROR = "RuntimeError: Queue objects should only be shared between processes through inheritance"


def _exit_ok(r):
    assert r.returncode == 0, _shown(r)


def _has(r, *lines):
    for line in lines:
        assert line in r.stdout, f"expected {line!r} in stdout:" + _shown(r)


def queue_producer_consumer(r, method="spawn"):
    """Every item squared once, every consumer stopped by its own sentinel."""
    _exit_ok(r)
    _has(r, SQUARES_0_TO_8, "exit codes: [0, 0, 0]")
    # the split between consumers is up to the scheduler: only its total is certain
    counts = re.search(
        r"items per consumer: \{'consumer-0': (\d+), 'consumer-1': (\d+), 'consumer-2': (\d+)\}", r.stdout
    )
    assert counts and sum(map(int, counts.groups())) == 9, _shown(r)


def broken_queue_one_sentinel(r, method="spawn"):
    """All the work done, but two of the three consumers never stop (they are terminated)."""
    assert r.returncode == 1, ("the script's own bound did not work" if r.returncode is None else "") + _shown(r)
    _has(r, SQUARES_0_TO_8, "still alive after 1 s: 2 of 3 consumers")
    codes = re.search(r"exit codes: \[(-?\d+), (-?\d+), (-?\d+)\]", r.stdout)
    # which consumer took the sentinel varies; SIGTERM's -15 on Windows too
    assert codes and sorted(map(int, codes.groups())) == [-15, -15, 0], _shown(r)


def queue_joinable(r, method="spawn"):
    """join() returns once every task is marked done; one task_done() too many raises ValueError."""
    _exit_ok(r)
    _has(
        r,
        "tasks.join() returned: True",
        "results: [0, 1, 4, 9, 16, 25]",
        "exit codes: [0, 0]",
        "one task_done() too many: ValueError: task_done() called too many times",
    )


def broken_queue_join_before_drain(r, method="spawn"):
    """The child's function returned, yet the process stays alive until the parent drains the queue."""
    assert r.returncode == 1, _shown(r)
    _has(
        r,
        "child's function returned: True",
        "after join(timeout=1): is_alive() = True, exitcode = None",
        "after get() of 4194304 bytes: is_alive() = False, exitcode = 0",
    )
    record = json_record(r)
    size, waiting = record["size"], record["in_pipe"]
    if waiting is None:
        _has(r, "then: this OS does not say how many bytes wait in the pipe")
    elif waiting < size:  # the pipe held part of the item (how much is the OS's business)
        assert waiting >= 0, _shown(r)
        _has(r, f"then: {waiting} bytes wait in the pipe; the child's feeder thread holds the rest of the {size} bytes")
    else:  # or it counts the whole unfinished write (Windows CPython under Wine does)
        _has(r, f"then: the pipe counts all {waiting} bytes as waiting; the feeder thread's write has not finished")
    steps = list(record["ms"].values())  # in the order they happened, one clock (time.time()) in both processes
    assert list(record["ms"]) == [
        "put() called",
        "put() returned",
        "join() called",
        "join() gave up",
        "get() returned",
        "child ended",
    ], _shown(r)
    assert steps == sorted(steps) and record["exitcode"] == 0, _shown(r)
    return record


def fixed_queue_join_before_drain(r, method="spawn"):
    """Drain, then join: the same 4 MiB item, and the child exits."""
    _exit_ok(r)
    _has(r, "got 4194304 bytes; is_alive() = False, exitcode = 0")


def queue_simple(r, method="spawn"):
    """The SimpleQueue round trip."""
    _exit_ok(r)
    _has(r, "results: [0, 1, 4, 9, 16]", "exit code: 0")


def broken_queue_to_pool_worker(r, method="spawn"):
    """The exact RuntimeError, raised while pickling the task; 3.14 adds notes saying where."""
    assert r.returncode == 1, _shown(r)
    assert QUEUE_ERROR in r.stderr, _shown(r)
    assert "assert_spawning" in r.stderr, _shown(r)  # raised while pickling the task, not in a worker
    if sys.version_info >= (3, 14):
        assert "when serializing tuple item 0" in r.stderr, _shown(r)
    else:
        assert "when serializing" not in r.stderr, _shown(r)


def queue_manager_for_pool(r, method="spawn"):
    """A manager queue's proxy travels as a task argument, and the results come back."""
    _exit_ok(r)
    _has(r, "queue type: AutoProxy[Queue]", "results: [0, 1, 4, 9, 16]")


def fixed_blog_queue(r, method="spawn"):
    """Five items produced and consumed, each kind in order; both children exit 0; ASCII output."""
    _exit_ok(r)
    # the two kinds of line interleave differently from run to run; each kind alone is ordered
    assert re.findall(r"produced (\d)", r.stdout) == list("01234"), _shown(r)
    assert re.findall(r"consumed (\d)", r.stdout) == list("01234"), _shown(r)
    _has(r, "exit codes: producer 0, consumer 0")
    assert r.stdout.isascii(), _shown(r)


def ch05_ex1_queue_two_producers(r, method="spawn"):
    """Exercise ch05-ex1: the parent sends the sentinels after both producers, and all ten items arrive."""
    _exit_ok(r)
    _has(r, "results: [0, 1, 4, 9, 16, 10000, 10201, 10404, 10609, 10816]", "exit codes: [0, 0, 0, 0, 0]")


def ch05_ex2_queue_pipe_capacity(r, method="spawn"):
    """Exercise ch05-ex2: small items let the child exit before anyone reads; from the pipe's capacity on, they hang."""
    _exit_ok(r)
    verdicts = re.findall(r"(\d+) KiB: join\(\) (returned|timed out)", r.stdout)
    assert [kib for kib, _ in verdicts] == ["1", "16", "256", "4096"], _shown(r)
    _has(r, "    1 KiB: join() returned", " 4096 KiB: join() timed out")  # 4 MiB fits no OS's pipe
    hung = [v == "timed out" for _, v in verdicts]
    assert hung == sorted(hung), _shown(r)  # once an item is too big for the pipe, every bigger one is too
    if sys.platform.startswith("linux"):  # a 64 KiB pipe
        assert hung == [False, False, True, True], _shown(r)
    elif sys.platform == "win32" and sys.version_info < (3, 14):  # multiprocessing's own 8 KiB pipes (Wine too)
        assert hung == [False, True, True, True], _shown(r)
    elif sys.platform == "win32":  # 3.14 made them 64 KiB (gh-121313)
        assert hung == [False, False, True, True], _shown(r)
