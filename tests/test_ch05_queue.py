"""Chapter 5: queues under every start method; the broken demos fail as documented, inside timeouts.

What each run must show is in examples_scripts/checks/queue.py, shared with the chapter's hidden cells.
"""

from examples_scripts.checks import queue as check
from examples_scripts.launch import run


def test_one_sentinel_per_consumer_stops_every_consumer(method):
    check.queue_producer_consumer(
        run("queue_producer_consumer.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_one_sentinel_for_three_consumers_leaves_two_waiting(method):
    check.broken_queue_one_sentinel(
        run("broken/queue_one_sentinel.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_joinable_queue_join_returns_when_every_task_is_done(method):
    check.queue_joinable(run("queue_joinable.py", "--start-method", method, echo=False, timeout=90), method)


def test_join_before_drain_blocks_until_the_queue_is_drained(method):
    check.broken_queue_join_before_drain(
        run("broken/queue_join_before_drain.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_drain_then_join_does_not_block(method):
    check.fixed_queue_join_before_drain(
        run("fixed/queue_join_before_drain.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_simple_queue_round_trip(method):
    check.queue_simple(run("queue_simple.py", "--start-method", method, echo=False, timeout=90), method)


def test_a_queue_as_pool_task_argument_raises_the_inheritance_error(method):
    check.broken_queue_to_pool_worker(
        run("broken/queue_to_pool_worker.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_a_manager_queue_can_be_a_pool_task_argument(method):
    check.queue_manager_for_pool(
        run("queue_manager_for_pool.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_blog_example_corrected_is_ordered_bounded_and_ascii(method):
    check.fixed_blog_queue(run("fixed/blog_queue.py", "--start-method", method, echo=False, timeout=90), method)


def test_ch05_ex1_two_producers_parent_sends_the_sentinels(method):
    """Exercise ch05-ex1."""
    check.ch05_ex1_queue_two_producers(
        run("solutions/ch05_ex1_queue_two_producers.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_ch05_ex2_pipe_capacity_small_items_pass_large_items_hang(method):
    """Exercise ch05-ex2."""
    check.ch05_ex2_queue_pipe_capacity(
        run("solutions/ch05_ex2_queue_pipe_capacity.py", "--start-method", method, echo=False, timeout=90), method
    )
