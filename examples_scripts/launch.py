"""Run a companion script as a reader would in a terminal, and show what happened.

The notebooks use this instead of running multiprocessing code in the kernel itself:
a spawned child cannot import functions defined in a notebook, and on Windows it cannot
print into one either. ``run()`` prints the exact command, what the script wrote to stdout
and stderr, and its exit status, then returns them for checking.
"""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import psutil

SCRIPTS = Path(__file__).resolve().parent


def run(script, *args, timeout=30, stdin=None, env=None, echo=True):
    """Run ``examples_scripts/<script>`` with this Python; kill it and its children after ``timeout`` s.

    ``script="-"`` with ``stdin="<script>"`` feeds a script on standard input instead.
    Output is decoded as UTF-8 whatever the console code page, because the child is told to
    write UTF-8 (PYTHONIOENCODING; ``env`` can override it), without colour codes. Returns a
    ``subprocess.CompletedProcess``; its ``returncode`` is ``None`` if the timeout killed it.
    """
    target = script if script == "-" else relative(SCRIPTS / script)
    shown = " ".join(["python", target, *map(str, args)] + (["<", relative(SCRIPTS / stdin)] if stdin else []))
    # PYTHON_COLORS=0: Jupyter forces colour, and 3.13+ would put escape codes in tracebacks
    child_env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHON_COLORS": "0", **(env or {})}
    source = open(SCRIPTS / stdin, "rb") if stdin else subprocess.DEVNULL
    proc = subprocess.Popen(
        [sys.executable, target, *map(str, args)],
        stdin=source,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env,
        encoding="utf-8",
        errors="replace",
    )
    try:
        out, err = proc.communicate(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        kill_tree(proc.pid)
        out, err = proc.communicate(timeout=10)  # raises if an orphan still holds the output open
        code = None
    finally:
        if stdin:
            source.close()
    result = subprocess.CompletedProcess(shown, code, out, err)
    if echo:
        show(result, timeout)
    return result


def relative(path):
    """The path as a reader in the current folder would type it."""
    try:
        return os.path.relpath(path).replace(os.sep, "/")
    except ValueError:  # Windows: on another drive than the current folder, so no relative path
        return str(path)


def show(result, timeout, max_lines=60):
    """Print a finished run as a terminal would have shown it (long streams are cut short, and a
    ``json: ...`` line, the raw numbers a benchmark prints for a figure, is named, not printed)."""
    print("$", result.args)
    print(shorten(without_json(result.stdout), max_lines), end="")
    print(shorten(result.stderr, max_lines), end="", file=sys.stderr)
    if result.returncode is None:
        print(f"[killed after {timeout} s: it would have waited forever]")
    else:
        print(f"[exit status {result.returncode}]")


def json_record(result):
    """The record a script printed for a figure as its last ``json: {...}`` line (run() shows a note instead)."""
    return json.loads(result.stdout.rsplit("json: ", 1)[1])


def without_json(text):
    """The text with each ``json: {...}`` line replaced by a note of its length."""
    return re.sub(
        r"^json: (.*)$", lambda m: f"[raw numbers for the figures: {len(m[1])} characters of JSON]", text, flags=re.M
    )


def shorten(text, max_lines):
    """At most max_lines lines: the first ones, a line saying how many are left out, the last ten."""
    lines = text.splitlines(keepends=True)
    if len(lines) <= max_lines:
        return text
    head = "".join(lines[: max_lines - 11])
    tail = "".join(lines[-10:])
    return f"{head}[... {len(lines) - max_lines + 1} more lines ...]\n{tail}"


def kill_tree(pid):
    """Kill a process and every process it started (pool workers included).

    multiprocessing's resource tracker is left to exit by itself once its parent is gone:
    it first removes the semaphores and shared memory the parent left behind.
    """
    try:
        parent = psutil.Process(pid)
        children = parent.children(recursive=True)
    except psutil.NoSuchProcess:
        return
    trackers = [c for c in children if "resource_tracker" in " ".join(cmdline(c))]
    for p in [parent] + [c for c in children if c not in trackers]:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    _, alive = psutil.wait_procs([parent] + children, timeout=10)
    for p in alive:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass


def cmdline(proc):
    try:
        return proc.cmdline()
    except psutil.Error:
        return []
