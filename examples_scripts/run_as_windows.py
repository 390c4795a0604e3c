"""Run my script as Windows would: spawn is the only start method, and captured output is cp1252.

Usage: ``python examples_scripts/run_as_windows.py [--encoding ENC] [--timeout SECONDS]
(script.py | -c CODE | -m MODULE | -) [args ...]``. It exits with the script's exit status,
except when it stops the run: 1 when a child died of the bootstrapping RuntimeError, 124 when
``--timeout`` ran out, 128 + N when signal N stopped the tool, 2 for a bad command line.

Watch for: the failures this book reproduces on Windows show up on Linux and macOS too:
a missing main guard (the bootstrapping RuntimeError), unpicklable targets such as lambdas,
globals changed after import that a child never sees, code run with -c or from stdin that a
child cannot re-import, ``--start-method fork`` refused, and ``UnicodeEncodeError: 'charmap'``
from a child that prints Chinese. A missing main guard makes a Pool wait forever on Windows;
the tool sees the child's RuntimeError in the script's stderr and stops the run instead.

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
re-imports are exactly what they would be. On Windows the tool changes nothing in the script.

Stopping: the script's stderr passes through the tool, which watches it. When the tool stops
the run (the bootstrapping error, ``--timeout``, SIGTERM, SIGHUP, Ctrl-Break, a second Ctrl-C,
or a first one the script has not answered within 5 s), it freezes the script and every
process under it, then kills them all (after the bootstrapping error, the children already
started get up to 3 s to end by themselves first). A separate watchdog process does the same
if the tool itself is killed outright (SIGKILL, Task Manager's End task).
"""

import argparse
import codecs
import locale
import math
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

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

USAGE = "%(prog)s [--encoding ENC] [--timeout SECONDS] (script.py | -c CODE | -m MODULE | -) [args ...]"
OUR_OPTIONS = {"-h": 0, "--help": 0, "--encoding": 1, "--timeout": 1}  # name: how many values follow
BOOTSTRAP_ERROR = "finished its bootstrapping phase"  # in multiprocessing's RuntimeError, 3.11 to 3.14
SETTLE = 3  # s: after that error, how long the script's children may take to end by themselves
CTRL_C_GRACE = 5  # s: how long the script may take to stop by itself after Ctrl-C
STOP_SIGNALS = ("SIGTERM", "SIGHUP", "SIGBREAK")  # `timeout` and kill, a closed terminal, Ctrl-Break
WATCHDOG = "import runpy, sys; runpy.run_path(sys.argv[1])['watch'](*sys.argv[2:])"


def split_argv(argv):
    """Our options come first; everything from the script (or -c, -m, -) on belongs to Python."""
    i = 0
    while i < len(argv):
        name, equals, _ = argv[i].partition("=")
        if name not in OUR_OPTIONS:
            break
        i += 1 if equals else 1 + OUR_OPTIONS[name]
    return argv[:i], argv[i:]


def seconds(text):
    """argparse type: a positive, finite number of seconds."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value < math.inf:
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def parse_args(argv):
    ours, target = split_argv(argv)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0], usage=USAGE, allow_abbrev=False)
    parser.add_argument(
        "--encoding",
        default="cp1252",
        help="how captured output is encoded (default: cp1252, an English Windows; "
        "cp936 for a Chinese one; utf-8 to check everything else)",
    )
    parser.add_argument(
        "--timeout",
        type=seconds,
        metavar="SECONDS",
        help="stop the script and every process it started after this many seconds "
        "(exit status 124; default: no limit)",
    )
    args = parser.parse_args(ours)
    try:
        "a".encode(args.encoding)  # what each Python would otherwise fail on as it starts
    except (LookupError, UnicodeError):
        parser.error(f"unknown encoding {args.encoding!r} (try cp1252, cp936 or utf-8)")
    if not target:
        parser.error("name a script to run (or -c CODE, -m MODULE, -)")
    first = target[0]
    if first in ("-c", "-m") and len(target) == 1:
        parser.error(f"{first} needs {'CODE' if first == '-c' else 'MODULE'} after it")
    if first.startswith("-") and first not in ("-", "-c", "-m"):
        parser.error(
            f"unrecognized option {first!r} (the tool's options go before the script; "
            "Python's own options are not accepted)"
        )
    if not first.startswith("-") and not os.path.exists(first):
        parser.error(f"no such script: {first!r}")
    args.target, args.source = target, None
    if first == "-" and sys.stdin is not None and not sys.stdin.isatty():
        args.source = sys.stdin.buffer.read()  # read it here, to refuse an empty one
        if not args.source.strip():
            parser.error("the script on standard input is empty (feed it a file: - < my_script.py)")
    return args


class Relay(threading.Thread):
    """Copy the script's stderr to ours as it comes, and watch it for the bootstrapping error."""

    def __init__(self, pipe, encoding):
        super().__init__(daemon=True)
        self.pipe = pipe
        self.decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self.tail = ""  # the end of the text so far: the error may span two reads
        self.bootstrap_error = False

    def run(self):
        # A Windows console takes text, not the script's bytes: decode them for it
        console = sys.platform == "win32" and sys.stderr is not None and sys.stderr.isatty()
        while chunk := self.pipe.read1(65536):
            text = self.decoder.decode(chunk)
            try:
                if console:
                    sys.stderr.write(text)
                else:
                    sys.stderr.buffer.write(chunk)
                sys.stderr.flush()
            except (AttributeError, OSError, ValueError):
                pass  # our stderr is gone: keep reading, so the script never blocks on a full pipe
            if BOOTSTRAP_ERROR in self.tail + text:
                self.bootstrap_error = True
            self.tail = (self.tail + text)[-len(BOOTSTRAP_ERROR) :]


class Signals:
    """What the tool was told while the script ran: Ctrl-C (when it first came), or stop now.

    A signal this process ignores (nohup, a shell's background job) stays ignored, for the
    script too: its children inherit that, as they would without the tool."""

    def __init__(self):
        self.interrupted = self.stop = None
        for name in ("SIGINT", *STOP_SIGNALS):
            number = getattr(signal, name, None)  # SIGHUP is POSIX only, SIGBREAK Windows only
            if number is not None and signal.getsignal(number) is not signal.SIG_IGN:
                signal.signal(number, self.handle)

    def handle(self, number, frame):
        if number == signal.SIGINT and self.interrupted is None:
            self.interrupted = time.monotonic()  # a terminal's Ctrl-C reached the script too
        else:
            self.stop = number


def gone(process):
    """Exited: a zombie counts, as its parent (or init) may take a while to reap it."""
    try:
        return process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def is_tracker(process):
    try:
        return "resource_tracker" in " ".join(process.cmdline())
    except psutil.Error:
        return False


def stop_tree(root, settle=0):
    """Freeze ``root`` and every process under it, so none starts another or leaves the tree by
    exiting, then kill them all. With ``settle``, freeze ``root`` alone first and give its
    children that many seconds to end by themselves. multiprocessing's resource tracker is left
    to exit by itself: once the others are gone, it removes the semaphores they left behind."""
    deadline = time.monotonic() + settle
    try:
        root.suspend()
        while time.monotonic() < deadline and not all(gone(p) or is_tracker(p) for p in root.children()):
            time.sleep(0.05)
    except (psutil.Error, OSError):
        pass
    frozen, trackers = [], []
    while True:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:  # root has exited: what was under it is no longer ours to find
            tree = []
        new = [p for p in tree if p not in frozen and p not in trackers]
        if not new:
            break
        for process in new:
            if is_tracker(process):
                trackers.append(process)
                continue
            try:
                process.suspend()
            except (psutil.Error, OSError):
                pass
            frozen.append(process)
    for process in frozen:
        try:
            process.kill()
        except (psutil.Error, OSError):
            pass
    deadline = time.monotonic() + 10
    while not all(gone(p) for p in frozen + trackers) and time.monotonic() < deadline:
        time.sleep(0.02)


def start_watchdog(script, folder):
    """A separate process that stops the script's tree if this tool dies without doing it."""
    if sys.platform == "win32":  # out of reach of the console's Ctrl-C and of its closing
        apart = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.DETACHED_PROCESS}
    else:  # out of reach of the terminal's signals and of `timeout`'s
        apart = {"start_new_session": True}
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            WATCHDOG,
            os.path.abspath(__file__),
            str(script.pid),
            repr(script.create_time()),
            folder,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **apart,
    )


def watch(pid, started, folder):
    """The watchdog: block until the tool's end of our stdin closes. The tool kills us before it
    exits, so a pipe that closes means the tool died: stop the script's tree, remove the folder."""
    sys.stdin.buffer.read()
    try:
        script = psutil.Process(int(pid))
        if script.create_time() == float(started):  # the same process, not a new one with its pid
            stop_tree(script)
    except psutil.Error:
        pass
    shutil.rmtree(folder, ignore_errors=True)


def say(text):
    try:
        print(f"run_as_windows: {text}", file=sys.stderr, flush=True)
    except (AttributeError, OSError, ValueError):
        pass


EVERYTHING = "stopped the script and every process it started"
BOOTSTRAP_STOP = (
    "stopped the run: a child died of the bootstrapping RuntimeError above (on Windows a Pool "
    "would now wait forever). The script starts processes when it is imported, and each spawned "
    'child imports it: start them only under if __name__ == "__main__":'
)


def must_stop(signals, relay, timeout, start):
    """(what to say, exit status) when the run must stop now, else None."""
    now = time.monotonic()
    if signals.stop is not None:
        name = signal.Signals(signals.stop).name
        said = "Ctrl-C (SIGINT) came twice" if name == "SIGINT" else f"got {name}"
        return f"{EVERYTHING}: {said}", 128 + signals.stop
    if signals.interrupted is not None and now - signals.interrupted > CTRL_C_GRACE:
        return f"{EVERYTHING}: it was still running {CTRL_C_GRACE} s after Ctrl-C (SIGINT)", 128 + signal.SIGINT
    if relay.bootstrap_error:
        return BOOTSTRAP_STOP, 1
    if timeout is not None and now - start > timeout:
        return f"{EVERYTHING}: it was still running after --timeout {timeout:g} s", 124
    return None


def supervise(command, env, encoding, args, folder):
    """Run the script, pass its stderr through, stop it and everything under it when needed."""
    signals = Signals()
    proc = subprocess.Popen(
        command, env=env, stderr=subprocess.PIPE, stdin=None if args.source is None else subprocess.PIPE
    )
    try:
        script = psutil.Process(proc.pid)
        watchdog = start_watchdog(script, folder)
    except psutil.NoSuchProcess:  # it ended already (Windows forgets an exited process at once)
        script = watchdog = None
    relay = Relay(proc.stderr, encoding)
    relay.start()
    if args.source is not None:
        try:
            proc.stdin.write(args.source)
            proc.stdin.close()
        except OSError:
            pass
    start, stop = time.monotonic(), None
    while stop is None and proc.poll() is None:
        time.sleep(0.05)
        stop = must_stop(signals, relay, args.timeout, start)
    if stop is not None and script is not None:
        # The children already started die of the bootstrapping error too: let them finish their
        # tracebacks, and let none be killed while it creates a semaphore nobody would remove
        stop_tree(script, settle=SETTLE if stop[0] == BOOTSTRAP_STOP else 0)
    code = proc.wait()
    relay.join(timeout=10)  # the rest of its stderr (a process it left may hold the pipe open)
    if watchdog is not None:
        watchdog.kill()
        watchdog.wait()
    if stop is None and relay.bootstrap_error:  # the script ended by itself
        stop = BOOTSTRAP_STOP, 1
    if stop is not None:
        say(stop[0])
        return stop[1]
    return code if code >= 0 else 128 - code  # killed by signal N: 128 + N, as a shell reports it


def child_encoding():
    """On Windows, the encoding a child Python uses for a pipe: what the tool decodes for a console."""
    name = os.environ.get("PYTHONIOENCODING", "").partition(":")[0]
    return name or ("utf-8" if sys.flags.utf8_mode else locale.getpreferredencoding(False))


def main():
    args = parse_args(sys.argv[1:])
    command = [sys.executable, *args.target]
    with tempfile.TemporaryDirectory(prefix="run_as_windows_") as folder:
        if sys.platform == "win32":
            say("this is Windows already; running the script unchanged")
            sys.exit(supervise(command, None, child_encoding(), args, folder))
        Path(folder, "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
        env = dict(
            os.environ,
            PYTHONIOENCODING=args.encoding,
            PYTHONUTF8="0",
            PYTHONPATH=os.pathsep.join(filter(None, [folder, os.environ.get("PYTHONPATH")])),
        )
        say(f"start methods: spawn only; captured output: {args.encoding}")
        code = supervise(command, env, args.encoding, args, folder)
    sys.exit(code)


if __name__ == "__main__":
    main()
