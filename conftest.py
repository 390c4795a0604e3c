"""Shared test fixtures for tests/ and the notebooks: start methods to test under, leak checks.

It sits at the root so that it applies to nbval's notebook cells as well as to tests/.

Every test that takes a ``method`` argument runs once per start method this OS offers.
After every test, no child process of pytest may be left (a running notebook kernel and the
helper processes multiprocessing keeps per parent are allowed between cells); after the
whole session, none at all, and no new shared memory block or semaphore in /dev/shm (up to
two stray semaphores are removed and named instead: see STRAY_SEMAPHORES).

pytest.ini runs the suite on two pytest-xdist workers. The notebooks and the three test files
that share one build of the book run on one worker, notebooks first: nbval executes each
notebook once, and the book build takes its outputs from there instead of executing it again
(EXECUTED, tests/book_build.py).
"""

import multiprocessing as mp
import os
import re
import shutil
import signal
import sys
from pathlib import Path

import nbformat
import psutil
import pytest
from nbval.kernel import RunningKernel
from nbval.plugin import IPyNbCell
from xdist.scheduler import LoadScopeScheduling

ROOT = Path(__file__).resolve().parent
# a copy of the standard methods only: joblib's loky registers its own contexts once imported
METHODS = [m for m in mp.get_all_start_methods() if m in ("fork", "spawn", "forkserver")]
SHM = Path("/dev/shm")  # where Linux keeps named shared memory and semaphores
GLIBC_TEMP = re.compile(r"sem\.[A-Za-z0-9]{6}")  # sem_open()'s temporary file, left if killed inside it
SHM_BEFORE = pytest.StashKey[set]()
# multiprocessing's own long-lived helpers, and the notebook kernels nbval keeps open
ALLOWED = ("ipykernel_launcher", "resource_tracker", "forkserver")


def _stop_gracefully(self):
    """nbval kills each notebook's kernel with its process group (``now=True``), which takes
    multiprocessing's resource tracker down too, before it can remove the kernel's semaphores.
    A reader's Jupyter asks the kernel to shut down instead; so do we (killed after 5 s)."""
    self.kc.stop_channels()
    self.km.shutdown_kernel(now=False)
    del self.km


RunningKernel.stop = _stop_gracefully

# The Ctrl-C tests send SIGINT to scripts and expect KeyboardInterrupt, as in a terminal. A shell
# that starts pytest in the background (`cmd &` without job control) makes it ignore SIGINT, and
# every child would inherit that. Catching SIGINT here (pytest's own behaviour) gives children
# the default back.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


# The test files that share one build of the book (tests/book_build.py): one worker runs them all,
# after nbval has run the notebooks there.
BOOK_BUILD_FILES = ("tests/test_book.py", "tests/test_reader_pages.py", "tests/test_site.py")
# Where nbval leaves each notebook it ran with every cell passing, outputs included: the book
# build puts them in its execution cache (tests/book_build.py), so no notebook runs twice.
EXECUTED = ROOT / "_build" / "tests" / "executed"


def is_book(nodeid):
    return nodeid.startswith(BOOK_BUILD_FILES + ("notebooks/",))


def pytest_collection_modifyitems(items):
    """The notebooks, then the book build's tests, then everything else (a stable sort)."""
    items.sort(key=lambda item: 0 if item.nodeid.startswith("notebooks/") else 1 if is_book(item.nodeid) else 2)


class BookFirstScheduling(LoadScopeScheduling):
    """xdist's scheduling by scope (a test file), with the notebooks and the book build's test
    files as one scope: the longest, collected first, so one worker starts it at once while the
    other runs the test files."""

    def __init__(self, config, log=None):
        config.option.loadscopereorder = False  # keep collection order: the book first
        super().__init__(config, log)

    def _split_scope(self, nodeid):
        return "book" if is_book(nodeid) else super()._split_scope(nodeid)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep what each notebook cell printed; write the notebook to EXECUTED once its last cell passed."""
    report = (yield).get_result()
    if not isinstance(item, IPyNbCell) or report.when != "call":
        return
    notebook = item.parent
    failed = getattr(notebook, "spawnsafe_failed", False) or not report.passed
    notebook.spawnsafe_failed = failed
    item.cell.outputs = item.test_outputs or []
    counts = [o["execution_count"] for o in item.cell.outputs if o.get("execution_count")]
    item.cell.execution_count = counts[0] if counts else item.cell_num + 1
    if item.cell is [c for c in notebook.nb.cells if c.cell_type == "code"][-1] and not failed:
        EXECUTED.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook.nb, EXECUTED / Path(str(notebook.fspath)).name)


class XdistHooks:
    """Registered when xdist runs (pytest rejects its hooks with ``-p no:xdist``)."""

    @staticmethod
    def pytest_xdist_make_scheduler(config, log):
        return BookFirstScheduling(config, log)


def pytest_configure(config):
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(XdistHooks())
    if not hasattr(config, "workerinput"):  # the controller, or a run without workers
        config.stash[SHM_BEFORE] = shm_entries()
        shutil.rmtree(EXECUTED, ignore_errors=True)  # only this session's runs count


# A process killed in the instant after it creates a named semaphore and before it tells the
# resource tracker (CPython does the two one after the other) leaves that semaphore behind, and
# nothing will remove it. Chapter 2's broken Pool demo makes that possible: its workers create
# semaphores as they start, die, are replaced, and terminate() kills whichever are alive; the
# suite runs it four times (two tests, nbval, the book build). So the session removes such
# strays and names them; more than this many is a real leak and fails.
STRAY_SEMAPHORES = 2


@pytest.hookimpl(tryfirst=True)  # before xdist stops the workers (and their resource trackers)
def pytest_sessionfinish(session):
    """After every worker has finished its tests: no new shared memory block or semaphore."""
    if hasattr(session.config, "workerinput") or SHM_BEFORE not in session.config.stash:
        return
    users = mapped()
    ours = {os.getpid()} | {p.pid for p in descendants()}
    # new since the start, and not in use by another test run on this machine
    leaked = {
        name
        for name in shm_entries() - session.config.stash[SHM_BEFORE]
        if name in users and (not users[name] or users[name] & ours)
    }
    semaphores = {name for name in leaked if name.startswith("sem.") and not users.get(name)}  # nobody's
    for name in semaphores:
        (SHM / name).unlink(missing_ok=True)
    write = session.config.get_terminal_writer().line
    if leaked - semaphores or len(semaphores) > STRAY_SEMAPHORES:
        write(f"\nFAILED: shared memory or semaphores left in {SHM}: {sorted(leaked)}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    elif semaphores:
        write(
            f"\nremoved stray semaphores from {SHM} (see STRAY_SEMAPHORES in conftest.py): {sorted(semaphores)}",
            yellow=True,
        )


def pytest_generate_tests(metafunc):
    if "method" in metafunc.fixturenames:
        metafunc.parametrize("method", METHODS)


def descendants():
    try:
        return psutil.Process().children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def cmdline(proc):
    try:
        return " ".join(proc.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return ""


def mapped():
    """{name in /dev/shm: ids of the processes that map it}. /proc/<pid>/maps names the inode:
    glibc maps a semaphore under a temporary name, then links the real name to it. The folder is
    listed first: an entry another test run creates while the maps are read is then left out,
    rather than taken for one that nobody uses."""
    inodes = {}
    for entry in SHM.iterdir():
        try:
            inodes[entry.name] = entry.stat().st_ino
        except OSError:
            pass
    by_inode = {}
    for maps in Path("/proc").glob("[0-9]*/maps"):
        try:
            for line in maps.read_text().splitlines():
                if "/dev/shm/" in line:  # also /tmp/root/dev/shm/... from a chroot of another run
                    by_inode.setdefault(int(line.split()[4]), set()).add(int(maps.parent.name))
        except OSError:  # the process ended, or is not ours to read
            pass
    return {name: by_inode.get(inode, set()) for name, inode in inodes.items()}


def shm_entries():
    if not sys.platform.startswith("linux"):
        return set()  # Windows frees shared memory with its last handle; macOS has no listing
    return {
        p.name for p in SHM.iterdir() if p.name.startswith(("psm_", "sem.mp-", "mp-")) or GLIBC_TEMP.fullmatch(p.name)
    }


@pytest.fixture(autouse=True)
def no_stray_processes():
    """Fail a test that leaves a child process running (after a short grace period)."""
    yield
    strays = [p for p in descendants() if not any(a in cmdline(p) for a in ALLOWED)]
    _, alive = psutil.wait_procs(strays, timeout=5)
    assert not alive, "processes left running: " + "; ".join(cmdline(p) for p in alive)


@pytest.fixture(autouse=True, scope="session")
def nothing_outlives_the_session():
    """At the end of each worker's session: no child process at all (shared memory: above)."""
    yield
    _, alive = psutil.wait_procs(descendants(), timeout=10)
    assert not alive, "processes left running: " + "; ".join(cmdline(p) for p in alive)
