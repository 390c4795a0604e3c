"""Run my script as Windows would: spawn is the only start method, and captured output is cp1252.

Usage: ``python examples_scripts/run_as_windows.py [--encoding ENC] (script.py | -c CODE | -m
MODULE | -) [args ...]``. It exits with the script's exit status. On Windows it changes
nothing and just runs the script.

Watch for: the failures this book reproduces on Windows show up on Linux and macOS too:
a missing main guard (the bootstrapping RuntimeError), unpicklable targets such as lambdas,
globals changed after import that a child never sees, code run with -c or from stdin that a
child cannot re-import, ``--start-method fork`` refused, and ``UnicodeEncodeError: 'charmap'``
from a child that prints Chinese.

How: it writes a ``sitecustomize.py`` into a temporary folder and puts that folder first on
PYTHONPATH. Python imports ``sitecustomize`` at start-up in every process, so the patch
applies in the script, in every child it spawns (they inherit the environment) and in any
other Python it runs. When a program imports ``multiprocessing``, the patch leaves only
``spawn`` in its table of start methods and makes it the default: ``get_context('fork')``
raises Windows' ValueError "cannot find context for 'fork'", and ``get_all_start_methods()``
returns ``['spawn']``. When it imports ``concurrent.futures``, ProcessPoolExecutor gets
Windows' limit of 61 workers. Then it imports the ``sitecustomize`` it shadowed, if there
is one. PYTHONIOENCODING=cp1252 (``--encoding``) makes every process encode stdin, stdout
and stderr as an English Windows does when they are captured or redirected. The script
itself runs as ``python script.py``, as usual, so its ``__main__`` and what a spawned child
re-imports are exactly what they would be.
"""
import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

SITECUSTOMIZE = '''\
"""Written by run_as_windows.py: make multiprocessing behave as on Windows in this process."""
import importlib.machinery as _machinery
import os as _os
import sys as _sys


def _spawn_only(context):
    """Windows has one start method: leave only spawn in the table, and make it the default."""
    for name in list(context._concrete_contexts):
        if name != "spawn":
            del context._concrete_contexts[name]  # get_context("fork") -> ValueError, as on Windows
    context._default_context._default_context = context._concrete_contexts["spawn"]
    context.DefaultContext.get_all_start_methods = lambda self: ["spawn"]


def _limit_workers(process):
    """Windows waits on at most 64 handles at once: ProcessPoolExecutor allows 61 workers."""
    init = process.ProcessPoolExecutor.__init__

    def __init__(self, max_workers=None, *args, **kwargs):
        if max_workers is None:
            count = _os.process_cpu_count() if hasattr(_os, "process_cpu_count") else _os.cpu_count()
            max_workers = min(61, count or 1)
        elif max_workers > 61:
            raise ValueError("max_workers must be <= 61")
        init(self, max_workers, *args, **kwargs)

    process.ProcessPoolExecutor.__init__ = __init__


PATCHES = {"multiprocessing.context": _spawn_only, "concurrent.futures.process": _limit_workers}


class _PatchOnImport:
    """Patch each module right after it is first imported, so other programs pay nothing."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        if name not in PATCHES:
            return None
        spec = _machinery.PathFinder.find_spec(name, path)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            PATCHES[name](module)

        spec.loader.exec_module = exec_module
        return spec


_sys.meta_path.insert(0, _PatchOnImport)

# Leave no trace on sys.path, and run the sitecustomize this one shadows (Debian has one).
_here = _os.path.dirname(_os.path.abspath(__file__))
_sys.path[:] = [p for p in _sys.path if _os.path.abspath(p or ".") != _here]
_this = _sys.modules.pop("sitecustomize")
try:
    import sitecustomize
except ImportError:
    _sys.modules["sitecustomize"] = _this
'''

OUR_OPTIONS = ("-h", "--help", "--encoding")


def split_argv(argv):
    """Our options come first; everything from the script (or -c, -m, -) on belongs to Python."""
    i = 0
    while i < len(argv) and argv[i].split("=")[0] in OUR_OPTIONS:
        i += 2 if argv[i] == "--encoding" else 1
    return argv[:i], argv[i:]


def parse_args(argv):
    ours, target = split_argv(argv)
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        usage="%(prog)s [--encoding ENC] (script.py | -c CODE | -m MODULE | -) [args ...]")
    parser.add_argument("--encoding", default="cp1252",
                        help="how captured output is encoded (default: cp1252, an English Windows; "
                             "cp936 for a Chinese one; utf-8 to check everything else)")
    args = parser.parse_args(ours)
    if not target:
        parser.error("name a script to run (or -c CODE, -m MODULE, -)")
    args.target = target
    return args


def run(command, env):
    """Run the script in the foreground; Ctrl-C reaches it too, so wait for it to finish."""
    proc = subprocess.Popen(command, env=env)
    while True:
        try:
            return proc.wait()
        except KeyboardInterrupt:
            continue


def main():
    args = parse_args(sys.argv[1:])
    command = [sys.executable, *args.target]
    if sys.platform == "win32":
        print("run_as_windows: this is Windows already; running the script unchanged", file=sys.stderr, flush=True)
        sys.exit(run(command, None))
    with tempfile.TemporaryDirectory(prefix="run_as_windows_") as folder:
        Path(folder, "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        env = dict(os.environ, PYTHONIOENCODING=args.encoding, PYTHONUTF8="0",
                   PYTHONPATH=os.pathsep.join(filter(None, [folder, os.environ.get("PYTHONPATH")])))
        print(f"run_as_windows: start methods: spawn only; captured output: {args.encoding}",
              file=sys.stderr, flush=True)
        code = run(command, env)
    sys.exit(code if code >= 0 else 128 - code)  # killed by signal N: 128 + N, as a shell reports it


if __name__ == "__main__":
    main()
