"""Shared test fixtures for tests/ and the notebooks: start methods to test under, leak checks.

It sits at the root so that it applies to nbval's notebook cells as well as to tests/.

Every test that takes a ``method`` argument runs once per start method this OS offers.
After every test, no child process of pytest may be left (a running notebook kernel and the
helper processes multiprocessing keeps per parent are allowed between cells); after the
whole session, none at all, and no new shared memory block or semaphore in /dev/shm.
"""
import multiprocessing as mp
import sys
from pathlib import Path

import psutil
import pytest
from nbval.kernel import RunningKernel

ROOT = Path(__file__).resolve().parent
# a copy of the standard methods only: joblib's loky registers its own contexts once imported
METHODS = [m for m in mp.get_all_start_methods() if m in ("fork", "spawn", "forkserver")]
SHM = Path("/dev/shm")  # where Linux keeps named shared memory and semaphores
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


def shm_entries():
    if not sys.platform.startswith("linux"):
        return set()  # Windows frees shared memory with its last handle; macOS has no listing
    return {p.name for p in SHM.iterdir() if p.name.startswith(("psm_", "sem.mp-", "mp-"))}


@pytest.fixture(autouse=True)
def no_stray_processes():
    """Fail a test that leaves a child process running (after a short grace period)."""
    yield
    strays = [p for p in descendants() if not any(a in cmdline(p) for a in ALLOWED)]
    _, alive = psutil.wait_procs(strays, timeout=5)
    assert not alive, "processes left running: " + "; ".join(cmdline(p) for p in alive)


@pytest.fixture(autouse=True, scope="session")
def nothing_outlives_the_session():
    """At the end: no child process at all, and no new shared memory block or semaphore."""
    before = shm_entries()
    yield
    _, alive = psutil.wait_procs(descendants(), timeout=10)
    assert not alive, "processes left running: " + "; ".join(cmdline(p) for p in alive)
    leaked = shm_entries() - before
    assert not leaked, f"shared memory or semaphores left in {SHM}: {sorted(leaked)}"
