"""Atlas demos: a Process object used out of order. Name a case; it makes one message appear.

Run from the book's root folder, for example
``python examples_scripts/atlas/demos/lifecycle.py start-twice``. Watch for the last line of the
traceback: the message the atlas entry (book/atlas/lifecycle.md) is about; in the cases where a
child does it wrong, the child prints that traceback under ``Process ...:`` and the parent then
prints the child's exit code. The cases about fork (``--start-method fork``: Linux and macOS)
say so in their docstring. Each case's docstring says what it does wrong; every child it starts
ends at once, and every wait is bounded.
"""

import multiprocessing as mp
import multiprocessing.dummy
import sys
import threading

from _cases import run_cases  # the command line every atlas demo shares


def idle():
    """The children's target: returns at once."""


def start_twice(ctx):
    """start() on a Process that has already run."""
    p = ctx.Process(target=idle)
    p.start()
    p.join(timeout=20)
    p.start()


def join_before_start(ctx):
    """join() before start()."""
    ctx.Process(target=idle).join(timeout=20)


def sentinel_before_start(ctx):
    """The sentinel (what connection.wait() waits on) of a Process not started yet."""
    print(ctx.Process(target=idle).sentinel)  # reading it raises


def join_current_process(ctx):
    """join() on a process that is not this one's child: here this process itself."""
    mp.current_process().join(timeout=20)


def group_argument(ctx):
    """Process(group=...): the argument exists only to mirror threading.Thread, and must be None."""
    ctx.Process(group="workers", target=idle)


def name_not_a_string(ctx):
    """A process name that is not a str."""
    p = ctx.Process(target=idle)
    p.name = 1


def daemon_after_start(ctx):
    """Setting daemon after start(): the child is already running as it was."""
    p = ctx.Process(target=idle)
    p.start()
    try:
        p.daemon = True
    finally:
        p.join(timeout=20)


def start_in_child(ctx):
    """Fork: a child starts a Process object its parent created (the child has a copy of it)."""
    needs_fork(ctx)
    other = ctx.Process(target=idle)
    child = ctx.Process(target=start_it, args=(other,))
    child.start()
    child.join(timeout=20)
    print(f"parent: child exit code {child.exitcode}", flush=True)


def start_it(process):
    process.start()


def test_in_child(ctx):
    """Fork: a child asks is_alive() of a process its parent started (only a parent may ask)."""
    needs_fork(ctx)
    stop = ctx.Event()
    sibling = ctx.Process(target=stop.wait, args=(20,))
    sibling.start()
    try:
        child = ctx.Process(target=ask_alive, args=(sibling,))
        child.start()
        child.join(timeout=20)
        print(f"parent: child exit code {child.exitcode}", flush=True)
    finally:
        stop.set()
        sibling.join(timeout=20)


def ask_alive(process):
    print("is the sibling alive?", process.is_alive())


def exit_with_message(ctx):
    """A child ends with sys.exit("some text"): the text goes to stderr, the exit code is 1."""
    p = ctx.Process(target=give_up)
    p.start()
    p.join(timeout=20)
    print(f"parent: child exit code {p.exitcode}", flush=True)


def give_up():
    sys.exit("worker: no input file given, giving up")


def dummy_started_elsewhere(ctx):
    """multiprocessing.dummy: a Process (a thread) created in one thread and started in another."""
    made = []
    maker = threading.Thread(target=make_dummy, args=(made,), name="maker")
    maker.start()
    maker.join(timeout=20)
    made[0].start()  # in the main thread, not in the thread that created it


def make_dummy(made):
    made.append(mp.dummy.Process(target=idle))


def needs_fork(ctx):
    if ctx.get_start_method() != "fork":
        sys.exit("this case is about fork: run it with --start-method fork (Linux, macOS)")


CASES = {
    f.__name__.replace("_", "-"): f
    for f in (
        start_twice,
        join_before_start,
        sentinel_before_start,
        join_current_process,
        group_argument,
        name_not_a_string,
        daemon_after_start,
        start_in_child,
        test_in_child,
        exit_with_message,
        dummy_started_elsewhere,
    )
}


if __name__ == "__main__":
    run_cases(__doc__, CASES)
