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


def fail_after(seconds):
    """Sleep, then raise ValueError: a task that fails late."""
    time.sleep(seconds)
    raise ValueError(f"failed after {seconds} s")
