"""Atlas demos: a multiprocessing Queue used the wrong way. Name a case; it makes one message appear.

Run from the book's root folder, for example
``python examples_scripts/atlas/demos/queues.py put-after-close``. Watch for the last line of the
traceback: the message the atlas entry (book/atlas/queues.md) is about. Each case's docstring
says what it does wrong; no case starts a child, every wait is bounded, and the few items put
are small enough to reach the queue's pipe, so the queue's feeder thread ends at exit.
"""

import threading

from _cases import run_cases  # the command line every atlas demo shares


def put_after_close(ctx):
    """put() on a queue this process has already closed."""
    q = ctx.Queue()
    q.close()
    q.put("one more task")


def put_when_full(ctx):
    """put(timeout=...) on a Queue(maxsize=1) that already holds an item nobody takes."""
    q = ctx.Queue(maxsize=1)
    q.put("first")
    q.put("second", timeout=0.5)  # raises queue.Full after 0.5 s


def join_thread_before_close(ctx):
    """join_thread() (wait for the feeder thread) before close()."""
    q = ctx.Queue()
    q.put("result")
    closer = threading.Timer(1.0, q.close)  # bounds the wait where asserts are off (python -O)
    closer.daemon = True
    closer.start()
    q.join_thread()  # raises AssertionError; under python -O it waits for the close() above
    print("join_thread() returned only when close() ran, 1 s later: without it, it would wait forever")


CASES = {f.__name__.replace("_", "-"): f for f in (put_after_close, put_when_full, join_thread_before_close)}


if __name__ == "__main__":
    run_cases(__doc__, CASES)
