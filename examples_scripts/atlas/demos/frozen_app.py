"""Atlas demos: a frozen app (a PyInstaller one-file executable) that starts a process. Name a case.

Run from the book's root folder, for example
``python examples_scripts/atlas/demos/frozen_app.py no-freeze-support`` (PyInstaller must be installed:
``pip install pyinstaller``). Each case writes a tiny app into a temporary folder, builds it there with
``python -m PyInstaller --onefile`` (about 10 s), runs the executable for a few seconds at most, kills
every process it started and removes the folder. Watch for the lines ``app started: ...``: each is one
run of the app's main code, with the command line it was started with. A frozen app has no
``python.exe`` to start its children with, so multiprocessing starts the app itself, with
``--multiprocessing-fork`` and the pipe's numbers as arguments; only ``freeze_support()`` recognises
them and runs the child's work instead of the app. The app built here has a seatbelt a real app has
not: it stops starting children after a few levels.
"""

import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from _cases import run_cases  # the command line every atlas demo shares

LEVELS = 3  # the seatbelt: how many generations of relaunches the app allows itself
BUILD_BOUND = 150  # seconds the build may take (about 8 on an idle machine, minutes on a busy one)
BOUND = 10  # seconds the app may run before the demo kills it

APP = '''\
"""The frozen app: starts one child process, waits for it and prints its exit code."""

{imports}import multiprocessing as mp
import os
import sys

# This demo's seatbelt (a real app has none): count the generations, stop after {levels}.
DEPTH = int(os.environ.get("ATLAS_FROZEN_DEPTH", "0"))
os.environ["ATLAS_FROZEN_DEPTH"] = str(DEPTH + 1)


def work():
    print("child: work() ran", flush=True)


if __name__ == "__main__":
{guard}
    print("app started:", os.path.basename(sys.argv[0]), *sys.argv[1:], flush=True)
    if DEPTH >= {levels}:
        print("app: seatbelt: no more children", flush=True)
        sys.exit(0)
    child = mp.get_context({method!r}).Process(target=work)
    child.start()
    child.join(timeout=20)
    print("app: child exit code", child.exitcode, flush=True)
'''

NO_FREEZE_SUPPORT = "    pass  # no mp.freeze_support() here"
FREEZE_SUPPORT = "    mp.freeze_support()  # first in the main block: in a child, runs its work, then exits"
ARGPARSE = """\
    # no mp.freeze_support() here
    parser = argparse.ArgumentParser(description="a tiny app")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()"""


def no_freeze_support(method):
    """A frozen app without freeze_support(): each child runs the whole app again."""
    build_and_run(APP.format(imports="", guard=NO_FREEZE_SUPPORT, levels=LEVELS, method=method))


def freeze_support(method):
    """The same app with mp.freeze_support() first in its main block: it works."""
    build_and_run(APP.format(imports="", guard=FREEZE_SUPPORT, levels=LEVELS, method=method))


def argparse_no_freeze_support(method):
    """A frozen app that parses its command line, without freeze_support(): the child's arguments are not its own."""
    build_and_run(APP.format(imports="import argparse\n", guard=ARGPARSE, levels=LEVELS, method=method))


def build_and_run(source):
    """Build source as a one-file executable in a temporary folder, run it (bounded), clean up."""
    if importlib.util.find_spec("PyInstaller") is None:
        sys.exit("PyInstaller is not installed: pip install pyinstaller")
    folder = Path(tempfile.mkdtemp(prefix="frozen_app_"))
    try:
        (folder / "app.py").write_text(source, encoding="utf-8")
        exe = build(folder)
        run(exe, folder)
    finally:
        remove(folder)


def build(folder):
    """python -m PyInstaller --onefile, bounded: the executable's path."""
    print("building the app with PyInstaller --onefile ...", flush=True)
    start = time.monotonic()
    command = [sys.executable, "-m", "PyInstaller", "--onefile", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", folder / "dist", "--workpath", folder / "build", "--specpath", folder]
    command += ["--runtime-tmpdir", folder / "unpacked"]  # not the user's temp folder: killed apps leave it behind
    command += [folder / "app.py"]
    (folder / "unpacked").mkdir()
    log = folder / "build.txt"
    with open(log, "wb") as out:
        fast = {**os.environ, "PYINSTALLER_ZLIB_COMPRESSION_LEVEL": "1"}  # not 9: compressing took half the time
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=fast)
        try:
            proc.wait(timeout=BUILD_BOUND)
        except subprocess.TimeoutExpired:
            kill_tree(proc)
            sys.exit(f"the build took more than {BUILD_BOUND} s: stopped")
    exe = folder / "dist" / ("app.exe" if sys.platform == "win32" else "app")
    if proc.returncode != 0 or not exe.is_file():
        print(log.read_text(encoding="utf-8", errors="replace")[-3000:], file=sys.stderr)
        sys.exit(f"the build failed (exit status {proc.returncode})")
    print(f"built {exe.name} in {time.monotonic() - start:.0f} s; running it (for at most {BOUND} s)", flush=True)
    return exe


def run(exe, folder):
    """Run the executable, its output into a file; kill every process of it at the end."""
    log = folder / "output.txt"
    start = time.monotonic()
    with open(log, "wb") as out:
        proc = subprocess.Popen([exe], stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, cwd=folder)
        try:
            proc.wait(timeout=BOUND)
            finished = True
        except subprocess.TimeoutExpired:
            finished = False
        left = kill_all(exe, proc)
    text = log.read_text(encoding="utf-8", errors="replace")
    print(text, end="", flush=True)
    runs = text.count("app started:")
    print(f"--- the app's main code ran {runs} time(s)", flush=True)
    if finished:
        print(f"--- the app ended by itself in {time.monotonic() - start:.1f} s, exit status {proc.returncode}")
    else:
        print(f"--- still running after {BOUND} s: killed")
    if left:
        print(f"--- killed {left} process(es) of the app still running")


def processes_of(exe):
    """The running processes of the executable (the one-file bootloader and the app it unpacked and started)."""
    found = []
    for p in psutil.process_iter():
        try:
            if p.exe() and os.path.normcase(p.exe()) == os.path.normcase(str(exe)):
                found.append(p)
        except psutil.Error:
            pass
    return found


def kill_all(exe, proc):
    """Kill the app's processes, orphans included (found by their executable); how many were still running."""
    killed = set()
    for _ in range(50):  # a process may start another while we kill: repeat until none is left
        alive = processes_of(exe)
        if not alive:
            break
        for p in alive:
            try:
                p.kill()
                killed.add(p.pid)
            except psutil.Error:
                pass
        psutil.wait_procs(alive, timeout=5)
    proc.wait(timeout=10)
    return len(killed)


def kill_tree(proc):
    """Kill a process and everything it started."""
    try:
        family = [psutil.Process(proc.pid), *psutil.Process(proc.pid).children(recursive=True)]
    except psutil.Error:
        family = []
    for p in family:
        try:
            p.kill()
        except psutil.Error:
            pass
    psutil.wait_procs(family, timeout=10)
    proc.wait(timeout=10)


def remove(folder):
    """Remove the temporary folder; on Windows a just-killed process may hold its files for a moment."""
    for _ in range(50):
        try:
            shutil.rmtree(folder)
            return
        except FileNotFoundError:
            return
        except OSError:
            time.sleep(0.2)
    shutil.rmtree(folder, ignore_errors=True)


CASES = {f.__name__.replace("_", "-"): f for f in (no_freeze_support, freeze_support, argparse_no_freeze_support)}


if __name__ == "__main__":
    run_cases(__doc__, CASES, context=False)
