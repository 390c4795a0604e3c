"""Workers that chapter 11 runs from inside the notebook, with the spawn start method.

Watch for: each function lives in an importable module, so a spawned child finds it by name
(``examples_scripts.notebook_workers.square``). None of them relies on its print reaching the
notebook: results come back as return values, through a queue, or as log records.
"""

import logging
import logging.handlers
import os


def square(x):
    return x * x


def square_and_print(x):
    """Prints in the child (where that line goes depends on the OS), and returns the result."""
    print(f"square_and_print({x}) in pid {os.getpid()}", flush=True)
    return x * x


def report(q, x):
    """Sends a message to the parent through a queue instead of printing it."""
    q.put(f"child {os.getpid()}: {x} squared is {x * x}")


def log_to_parent(q, x):
    """Sends log records to the parent through a queue (logging.handlers.QueueHandler)."""
    logger = logging.getLogger("worker")
    logger.addHandler(logging.handlers.QueueHandler(q))
    logger.setLevel(logging.INFO)
    logger.info("%s squared is %s", x, x * x)


def print_both(tag):
    """Prints one line on stdout and one on stderr, in the child: where do they land?"""
    import sys

    print(f"{tag} pid {os.getpid()} on stdout", flush=True)
    print(f"{tag} pid {os.getpid()} on stderr", file=sys.stderr, flush=True)
