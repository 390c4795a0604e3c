"""Check this Python before the book: can it start a child process, and can the child print?

Watch for: one line per check, "[ok] ...", "[warn] ... fix: ..." or "[fail] ... fix: ...".
The exit status is 1 when a check fails, else 0 (warnings included). The encoding line asks
a real child whose output is captured, as Jupyter, an IDE or a test runner captures it: on
an English Windows it says cp1252 (cp936 on a Chinese one), and then printing Chinese from
a child raises UnicodeEncodeError. The child line starts a real process with
``--start-method`` (default spawn, what Windows does) and waits for its answer at most
``--timeout`` seconds. From a notebook: ``from examples_scripts.check_setup import
check_all; check_all()``.
"""

import argparse
import codecs
import math
import multiprocessing as mp
import os
import platform
import queue
import struct
import subprocess
import sys
import sysconfig
import time

OK, WARN, FAIL = "ok", "warn", "fail"
UTF8_FIX = (
    "set PYTHONIOENCODING=utf-8 or PYTHONUTF8=1 before starting Python "
    "(PowerShell: $env:PYTHONUTF8 = '1'), or call sys.stdout.reconfigure(encoding='utf-8') in each child"
)


def report(status, text, fix=None):
    """Print one check's line; ASCII only, so it prints under any console encoding."""
    line = f"[{status}] {text}" + (f" fix: {fix}" if fix else "")
    print(line.encode("ascii", "backslashreplace").decode("ascii"), flush=True)
    return status


def check_python():
    build = "free-threaded build" if sysconfig.get_config_var("Py_GIL_DISABLED") else "standard build (with the GIL)"
    if sysconfig.get_config_var("Py_GIL_DISABLED") and hasattr(sys, "_is_gil_enabled"):
        build += ", GIL " + ("enabled" if sys._is_gil_enabled() else "disabled") + " at run time"
    text = (
        f"Python {platform.python_version()} ({platform.python_implementation()}, "
        f"{struct.calcsize('P') * 8}-bit, {build}) at {sys.executable}"
    )
    if sys.version_info < (3, 11):  # noqa: UP036 (this check is for a reader's older Python)
        return report(FAIL, text + ": this book needs 3.11 or newer.", "install Python 3.11, 3.12, 3.13 or 3.14")
    return report(OK, text)


def check_os():
    return report(OK, f"OS: {platform.platform()} (sys.platform = {sys.platform!r})")


def check_start_methods():
    methods, default = mp.get_all_start_methods(), mp.get_start_method()
    note = "" if default == "spawn" else "; the book's scripts use spawn, as Windows does, unless told otherwise"
    return report(OK, f"start methods available: {', '.join(methods)}; default: {default}{note}")


def check_cpu_count():
    count = os.process_cpu_count() if hasattr(os, "process_cpu_count") else os.cpu_count()
    name = "os.process_cpu_count()" if hasattr(os, "process_cpu_count") else "os.cpu_count()"
    if not count:
        return report(WARN, f"{name} cannot tell how many CPUs there are.", "pass processes= to Pool explicitly")
    return report(OK, f"CPUs for this process: {count} ({name}; a Pool starts this many workers by default)")


def check_captured_encoding(timeout=60):
    """Ask a real child, whose stdout is a pipe, which encoding its print() will use."""
    try:
        done = subprocess.run(
            [sys.executable, "-c", "import sys; print(sys.stdout.encoding)"], capture_output=True, timeout=timeout
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return report(FAIL, f"could not run a child Python: {error!r}.", f"check that {sys.executable} runs")
    name = done.stdout.decode("ascii", "replace").strip()
    try:
        utf8 = codecs.lookup(name).name == "utf-8"
    except LookupError:
        utf8 = False
    text = f"a child's captured output is encoded as {name}"
    if not utf8:
        return report(WARN, text + ": printing Chinese or emoji there raises UnicodeEncodeError.", UTF8_FIX)
    return report(OK, text + ": any text can be printed")


def answer(q):
    """Run in the child: a module-level function, so a spawned child can import it."""
    q.put(os.getpid())


def check_child(method="spawn", timeout=30):
    """Start a real child with ``method`` and wait at most ``timeout`` s for its answer."""
    if method != "fork":  # spawn and forkserver start a fresh Python: is there one?
        from multiprocessing import spawn

        exe = os.fsdecode(spawn.get_executable() or "")
        if not os.path.isfile(exe):
            return report(
                FAIL,
                f"a child cannot start with {method}: the Python it would run, {exe!r}, is not a file.",
                "run this check with a Python installed on disk; an embedded Python must call "
                "multiprocessing.set_executable() with the path of a python executable",
            )
    ctx = mp.get_context(method)
    try:
        q = ctx.Queue()
    except Exception as error:  # no named semaphores: some sandboxes, AWS Lambda, Android
        return report(
            FAIL,
            f"creating a Queue for {method} raised {type(error).__name__}: {error}.",
            "multiprocessing needs named semaphores (on Linux, a writable /dev/shm); without them only threads work",
        )
    child = ctx.Process(target=answer, args=(q,), name="check-child")
    start = time.perf_counter()
    try:
        child.start()
    except Exception as error:
        q.close()
        return report(
            FAIL,
            f"starting a child with {method} raised {type(error).__name__}: {error}.",
            "read the error; the child check needs sys.executable to run",
        )
    pid, timed_out = None, False
    try:
        while pid is None:
            left = timeout - (time.perf_counter() - start)
            try:
                pid = q.get(timeout=max(0.001, min(0.1, left)))
            except queue.Empty:
                timed_out = time.perf_counter() - start >= timeout
                if timed_out or not child.is_alive():
                    break
        if pid is None and not timed_out:  # it may have answered just before it exited
            try:
                pid = q.get(timeout=0.5)
            except queue.Empty:
                pass
        seconds = time.perf_counter() - start
    finally:
        child.join(timeout=min(timeout, 5))
        if child.is_alive():
            child.terminate()
            child.join(timeout=5)
        q.close()
        q.join_thread()
    if pid == child.pid:
        return report(OK, f"a child started with {method} answered in {seconds:.2f} s")
    if timed_out:
        return report(
            FAIL,
            f"a child started with {method} did not answer within {timeout:g} s.",
            "a slow start (antivirus, network drive, Wine) needs a longer --timeout; else see stderr above",
        )
    main = sys.modules["__main__"]
    if method != "fork" and answer.__module__ == "__main__" and not os.path.isfile(getattr(main, "__file__", "")):
        fix = (
            "run this file by its path (python examples_scripts/check_setup.py), not from stdin, -c or a "
            "notebook cell: a spawned child re-imports the main script to find its functions"
        )
    else:
        fix = "read the child's traceback above"
    return report(FAIL, f"a child started with {method} died with exit code {child.exitcode} before answering.", fix)


def check_jupyter():
    shell = sys.modules["IPython"].get_ipython() if "IPython" in sys.modules else None
    if "ipykernel" in sys.modules and shell is not None and hasattr(shell, "kernel"):
        return report(
            WARN,
            "running inside Jupyter (ipykernel): a spawned child cannot use functions defined "
            "in cells, and on Windows its print() goes to the console that started Jupyter.",
            "put workers in a .py module and import them; return results instead of printing",
        )
    return report(OK, "not inside Jupyter: a script, where spawn re-imports the main file")


def check_all(method="spawn", timeout=30):
    """Run every check, print one line each; return 1 if any check failed, else 0."""
    results = [
        check_python(),
        check_os(),
        check_start_methods(),
        check_cpu_count(),
        check_captured_encoding(),
        check_child(method, timeout),
        check_jupyter(),
    ]
    return 1 if FAIL in results else 0


def seconds(text):
    """argparse type: a positive, finite number of seconds."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value < math.inf:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument(
        "--timeout",
        type=seconds,
        default=30,
        metavar="SECONDS",
        help="seconds to wait for the child check's answer (default: 30)",
    )
    return parser.parse_args()


def main():
    args = parse_args()
    sys.exit(check_all(args.start_method, args.timeout))


if __name__ == "__main__":
    main()
