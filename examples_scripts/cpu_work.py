"""The CPU-bound function that chapter 15 runs four ways: Pool, joblib, Dask, and Dask by address.

Watch for: ``burn`` is defined at module level in an importable module, so every engine can
send it by reference (its module and name) and a worker finds it by importing this module.
A call takes some tens of milliseconds of pure Python: no I/O, no sleeping, no NumPy.
"""

import os

WORK = 40_000  # loop steps per call: about 10-50 ms on a laptop


def burn(seed, steps=WORK):
    """A pseudo-random walk of ``steps`` steps from ``seed``; the same result everywhere."""
    x = seed
    for _ in range(steps):
        x = (x * 1103515245 + 12345) % 2147483648
    return x % 1000


def burn_and_pid(seed):
    """``(burn(seed), pid of the process that ran it)``: which worker did the task."""
    return burn(seed), os.getpid()


def check_positive(seed):
    """``burn(seed)``, but raises ValueError for a negative seed: an error inside a worker."""
    if seed < 0:
        raise ValueError(f"seed must be >= 0, got {seed}")
    return burn(seed)
