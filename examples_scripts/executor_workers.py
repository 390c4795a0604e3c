"""Worker functions for the executors that chapter 9 runs inside the notebook.

Watch for: every function is defined at module level in an importable module, so a spawned
worker finds it by name (``examples_scripts.executor_workers.square``), exactly as for a Pool.
"""

import os
import time


def square(x):
    return x * x


def sleepy_square(x, delay=0.1):
    """``x * x`` after ``x * delay`` seconds: bigger inputs finish later."""
    time.sleep(x * delay)
    return x * x


def pause(seconds):
    """Sleep, then return the number of seconds slept."""
    time.sleep(seconds)
    return seconds


def reciprocal(x):
    """Raises ZeroDivisionError for 0: an error in a worker, to see where it ends up."""
    return 1 / x


def pid_of(_item):
    """The pid of the worker process that ran this task (after 0.02 s of work)."""
    time.sleep(0.02)
    return os.getpid()


def square_when_open(x, gate):
    """``x * x``, once the parent opens ``gate`` (a Manager ``Event``): the parent decides when it ends."""
    if not gate.wait(timeout=60):
        raise TimeoutError("nobody opened the gate")
    return x * x


def when_open(gate, outcome):
    """Once the parent opens ``gate`` (a Manager ``Event``), return ``outcome``, or raise it if it
    is an exception: the parent decides when the task ends, and how."""
    if not gate.wait(timeout=60):
        raise TimeoutError("nobody opened the gate")
    if isinstance(outcome, BaseException):
        raise outcome
    return outcome
