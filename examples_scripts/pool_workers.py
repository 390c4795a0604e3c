"""Worker functions for the pools that chapter 4 runs inside the notebook.

Watch for: every function here is defined at module level in an importable module, so a
spawned worker finds it by name (``examples_scripts.pool_workers.square``). A function defined in
a notebook cell could not be found there (chapter 11 shows what happens then).
"""

import time


def square(x):
    return x * x


def slow_first(x):
    """``square``, but task 0 takes 0.3 s and the others 0.02 s: results finish out of order."""
    time.sleep(0.3 if x == 0 else 0.02)
    return x * x


def add(a, b):
    return a + b


def reciprocal(x):
    """Raises ZeroDivisionError for 0: an error in a worker, to see where it ends up."""
    return 1 / x
