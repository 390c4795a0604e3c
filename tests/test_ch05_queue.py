"""Chapter 5: queues under every start method; the broken demos fail as documented, inside timeouts."""
import re
import sys

from examples_scripts.launch import run

QUEUE_ERROR = "RuntimeError: Queue objects should only be shared between processes through inheritance"


def test_one_sentinel_per_consumer_stops_every_consumer(method):
    r = run("queue_producer_consumer.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert "results: [0, 1, 4, 9, 16, 25, 36, 49, 64]" in r.stdout
    assert "exit codes: [0, 0, 0]" in r.stdout
    counts = re.search(r"items per consumer: \{'consumer-0': (\d+), 'consumer-1': (\d+), 'consumer-2': (\d+)\}",
                       r.stdout)
    assert counts and sum(map(int, counts.groups())) == 9


def test_one_sentinel_for_three_consumers_leaves_two_waiting(method):
    r = run("broken/queue_one_sentinel.py", "--start-method", method, echo=False, timeout=30)
    assert r.returncode == 1, "the script's own 1 s bound did not work" if r.returncode is None else r.stderr
    assert "results: [0, 1, 4, 9, 16, 25, 36, 49, 64]" in r.stdout
    assert "still alive after 1 s: 2 of 3 consumers" in r.stdout
    codes = re.search(r"exit codes: \[(-?\d+), (-?\d+), (-?\d+)\]", r.stdout)
    assert codes and sorted(map(int, codes.groups())) == [-15, -15, 0]


def test_joinable_queue_join_returns_when_every_task_is_done(method):
    r = run("queue_joinable.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert "tasks.join() returned: True" in r.stdout
    assert "results: [0, 1, 4, 9, 16, 25]" in r.stdout
    assert "exit codes: [0, 0]" in r.stdout
    assert "one task_done() too many: ValueError: task_done() called too many times" in r.stdout


def test_join_before_drain_blocks_until_the_queue_is_drained(method):
    r = run("broken/queue_join_before_drain.py", "--start-method", method, echo=False, timeout=30)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "child's function returned: True" in r.stdout
    assert "after join(timeout=1): is_alive() = True, exitcode = None" in r.stdout
    assert "after get() of 4194304 bytes: is_alive() = False, exitcode = 0" in r.stdout


def test_drain_then_join_does_not_block(method):
    r = run("fixed/queue_join_before_drain.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert "got 4194304 bytes; is_alive() = False, exitcode = 0" in r.stdout


def test_simple_queue_round_trip(method):
    r = run("queue_simple.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert "results: [0, 1, 4, 9, 16]" in r.stdout and "exit code: 0" in r.stdout


def test_a_queue_as_pool_task_argument_raises_the_inheritance_error(method):
    r = run("broken/queue_to_pool_worker.py", "--start-method", method, echo=False, timeout=30)
    assert r.returncode == 1
    assert QUEUE_ERROR in r.stderr
    assert "assert_spawning" in r.stderr   # raised while pickling the task, not in a worker
    if sys.version_info >= (3, 14):        # 3.14 adds notes saying where the queue was
        assert "when serializing tuple item 0" in r.stderr
    else:
        assert "when serializing" not in r.stderr


def test_a_manager_queue_can_be_a_pool_task_argument(method):
    r = run("queue_manager_for_pool.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert "queue type: AutoProxy[Queue]" in r.stdout
    assert "results: [0, 1, 4, 9, 16]" in r.stdout


def test_blog_example_corrected_is_fast_ordered_and_ascii(method):
    r = run("fixed/blog_queue.py", "--start-method", method, echo=False, timeout=20)
    assert r.returncode == 0, r.stderr
    assert re.findall(r"produced (\d)", r.stdout) == list("01234")
    assert re.findall(r"consumed (\d)", r.stdout) == list("01234")
    assert "exit codes: producer 0, consumer 0" in r.stdout
    assert r.stdout.isascii()


def test_exercise_two_producers_parent_sends_the_sentinels(method):
    r = run("solutions/ch05_ex1_queue_two_producers.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert "results: [0, 1, 4, 9, 16, 10000, 10201, 10404, 10609, 10816]" in r.stdout
    assert "exit codes: [0, 0, 0, 0, 0]" in r.stdout


def test_exercise_pipe_capacity_small_items_pass_large_items_hang(method):
    r = run("solutions/ch05_ex2_queue_pipe_capacity.py", "--start-method", method, echo=False, timeout=30)
    assert r.returncode == 0, r.stderr
    verdicts = re.findall(r"(\d+) KiB: join\(\) (returned|timed out)", r.stdout)
    assert [kib for kib, _ in verdicts] == ["1", "16", "256", "4096"]
    hung = [v == "timed out" for _, v in verdicts]
    assert hung[0] is False and hung[-1] is True
    assert hung == sorted(hung)   # once an item is too big for the pipe, every bigger one is too
    if sys.platform.startswith("linux"):   # a 64 KiB pipe; Windows pipes hold only 8 KiB
        assert hung == [False, False, True, True]
