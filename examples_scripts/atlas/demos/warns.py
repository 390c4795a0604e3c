"""Atlas demos: programs that work, with a warning. Name a case; it makes one warning appear.

Run from the book's root folder, for example
``python examples_scripts/atlas/demos/warns.py fork-threads --start-method fork``. Watch for the
warning on stderr: the message the atlas entry (book/atlas/warnings.md) is about. It may come from
a child, from Python itself or from multiprocessing's log (``log_to_stderr()``); each case's
docstring says what it does wrong, and what it prints says what happened. Every wait is bounded, and
every temporary directory is removed.
"""

import logging
import multiprocessing as mp
import os
import shutil
import tempfile
import threading
import warnings
from multiprocessing.connection import Listener

from _cases import run_cases  # the command line every atlas demo shares


def hold(lock, held, done):
    """A thread of the parent: takes the lock and keeps it until told to stop."""
    with lock:
        held.set()
        done.wait(20)


def take(lock):
    """The child: tries to take the lock it got a copy of."""
    print(f"child: lock.acquire(timeout=1) -> {lock.acquire(timeout=1)} (without a timeout: a deadlock)", flush=True)


def listen():
    """The child: opens a Listener, which makes a socket file in multiprocessing's temporary directory."""
    with Listener() as listener:
        print(f"child: listening at {listener.address}", flush=True)


def fork_threads(ctx):
    """Starts a child with fork while another thread of the parent holds a lock."""
    warnings.simplefilter("default", DeprecationWarning)  # shown as pytest or python -W default shows it
    lock, held, done = threading.Lock(), threading.Event(), threading.Event()
    thread = threading.Thread(target=hold, args=(lock, held, done))
    thread.start()
    held.wait(20)
    print(f"parent: this process is multi-threaded ({threading.active_count()} threads), starting a child with fork()")
    try:
        p = ctx.Process(target=take, args=(lock,))
        p.start()
        p.join(timeout=20)
    finally:
        done.set()
        thread.join(timeout=20)


def temp_dir_too_long(ctx):
    """log_to_stderr() on, and a TMPDIR too long for a socket path; then a child opens a Listener."""
    mp.log_to_stderr(logging.WARNING)
    top = tempfile.mkdtemp()
    long_dir = os.path.join(top, "a-temporary-directory-with-a-long-name" * 2)
    os.mkdir(long_dir)
    os.environ["TMPDIR"] = long_dir  # as `TMPDIR=... python app.py` does; the child inherits it
    print(f"parent: the temporary directory: {long_dir} ({len(long_dir)} characters)", flush=True)
    try:
        p = ctx.Process(target=listen)
        p.start()
        p.join(timeout=20)
    finally:
        shutil.rmtree(top, ignore_errors=True)


CASES = {f.__name__.replace("_", "-"): f for f in (fork_threads, temp_dir_too_long)}


if __name__ == "__main__":
    run_cases(__doc__, CASES)
