"""Atlas demos: what Windows itself says. Name a case; it does what Windows refuses, or allows differently.

Run from the book's root folder, for example ``python examples_scripts/atlas/demos/windows.py file-in-use``.
Watch for the last line: on Windows a ``[WinError N]`` text from the operating system, on Linux and
macOS the POSIX text, or nothing wrong at all. Every child ends, every wait is bounded, and the
temporary folder is removed.
"""

import os
import tempfile
import threading
from pathlib import Path

from _cases import run_cases  # the command line every atlas demo shares

WORKERS = 62  # one more than ProcessPoolExecutor allows on Windows
STUCK = 20  # seconds: terminate() takes well under a second when it works


def hold_open(path, opened, release):
    """Open the file and keep it open until the parent says so."""
    with open(path, encoding="utf-8"):
        opened.set()
        release.wait(20)


def file_in_use(ctx):
    """Delete a file that a child process holds open."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "results.txt"
        path.write_text("42\n", encoding="utf-8")
        opened, release = ctx.Event(), ctx.Event()
        child = ctx.Process(target=hold_open, args=(path, opened, release))
        child.start()
        try:
            opened.wait(20)
            os.remove(path)  # Windows refuses while another process has it open
            refusal = "PermissionError: [WinError 32]"
            print(f"removed while the child still had it open; Windows refuses: {refusal}", flush=True)
        finally:
            release.set()
            child.join(timeout=20)


def send_to_closed_end(ctx):
    """send() on a Pipe whose other end has been closed."""
    ours, theirs = ctx.Pipe()
    theirs.close()
    ours.send("hello")


def square(x):
    return x * x


def pool_of_62(ctx):
    """A multiprocessing.Pool of 62 workers: more handles than one wait on Windows can watch."""
    pool = ctx.Pool(WORKERS)
    result = pool.map_async(square, range(WORKERS))
    print(f"{WORKERS} workers: sum of squares {sum(result.get(timeout=120))}", flush=True)
    closer = threading.Thread(target=pool.terminate, daemon=True)
    closer.start()
    closer.join(timeout=STUCK)
    if closer.is_alive():
        print(f"terminate() has not returned after {STUCK} s: the pool cannot shut down", flush=True)
        os._exit(1)  # the stuck pool would keep the program alive forever; its workers end with it
    print("terminate() returned: the pool shut down", flush=True)


CASES = {f.__name__.replace("_", "-"): f for f in (file_in_use, send_to_closed_end, pool_of_62)}


if __name__ == "__main__":
    run_cases(__doc__, CASES, "what to ask of the operating system")
