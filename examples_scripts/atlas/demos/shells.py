"""Atlas demos: multiprocessing under a debugger, or started in other ways than ``python script.py``. Name a case.

Run from the book's root folder, for example ``python examples_scripts/atlas/demos/shells.py breakpoint-in-child``.
The cases that need another command (``python -m pdb script.py``, ``python -m package``) write a tiny
program into a temporary folder, run that command there with this Python (input fed on standard input,
a time limit, every process it started killed at the end), print the command and everything it printed,
and remove the folder. Watch for where the error appears: in the parent, or in the child.
"""

import multiprocessing as mp
import subprocess
import sys
import tempfile
from pathlib import Path

from _cases import run_cases  # the command line every atlas demo shares

SCRIPT = """\
import multiprocessing as mp


def work(x=0):
    return x * 2


if __name__ == "__main__":
    child = mp.get_context({method!r}).Process(target=work)
    child.start()
    child.join(timeout=20)
    print("parent: child exit code", child.exitcode, flush=True)
"""

PACKAGE_MAIN = """\
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def work(x):
    return x * 2


if __name__ == "__main__":
    with ProcessPoolExecutor(1, mp_context=mp.get_context({method!r})) as pool:
        print(list(pool.map(work, range(4), timeout=20)))
"""


def debugged_work():
    """The child's target: stops at a breakpoint."""
    breakpoint()
    print("child: after the breakpoint", flush=True)


def breakpoint_in_child(method):
    """breakpoint() in a child: its standard input is empty, so pdb reads end-of-file at once."""
    child = mp.get_context(method).Process(target=debugged_work)
    child.start()
    child.join(timeout=20)
    print("parent: child exit code", child.exitcode, flush=True)


def pdb_script(method):
    """python -m pdb script.py, then `continue`: the script starts a child."""
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "script.py").write_text(SCRIPT.format(method=method), encoding="utf-8")
        run(["-m", "pdb", "script.py"], folder, stdin="continue\nquit\n")


def python_m_package(method):
    """python -m package: the workers are in the package's __main__.py."""
    with tempfile.TemporaryDirectory() as folder:
        package = Path(folder, "package")
        package.mkdir()
        (package / "__init__.py").write_text("", encoding="utf-8")
        (package / "__main__.py").write_text(PACKAGE_MAIN.format(method=method), encoding="utf-8")
        run(["-m", "package"], folder)


def run(args, folder, stdin="", timeout=30):
    """Run this Python with args in folder, print the command and its output (both streams, in order)."""
    print("$ python", *args, flush=True)
    proc = subprocess.Popen(
        [sys.executable, *args],
        cwd=folder,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        encoding="utf-8",
        errors="replace",
    )
    try:
        out, _ = proc.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_tree(proc)
        out, _ = proc.communicate(timeout=10)
        out += f"[killed after {timeout} s]\n"
    print(out, end="", flush=True)


def kill_tree(proc):
    """Kill a process and everything it started."""
    import psutil  # only here: the other cases run on a Python without it

    try:
        family = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
    except psutil.Error:
        return
    for p in family:
        try:
            p.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(family, timeout=10)


CASES = {f.__name__.replace("_", "-"): f for f in (breakpoint_in_child, pdb_script, python_m_package)}


if __name__ == "__main__":
    run_cases(__doc__, CASES, context=False)
