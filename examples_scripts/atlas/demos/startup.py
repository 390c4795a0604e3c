"""Atlas demos: start methods and the fork server set up wrongly. Name a case; it makes one message appear.

Run from the book's root folder, for example
``python examples_scripts/atlas/demos/startup.py concrete-context``. Watch for the last line of
the traceback: the message the atlas entry (book/atlas/startup.md) is about. The fork server's
cases (``--start-method forkserver``, Linux) say so in their docstring. Each case's docstring says
what it does wrong; every child it starts ends at once, and every wait is bounded.
"""

import json
import sys

from _cases import run_cases  # the command line every atlas demo shares

FDS = 126  # pipes: 252 connection ends, more than the fork server passes to a child (about 250)


def idle(*args):
    """The children's target: returns at once."""


def concrete_context(ctx):
    """set_start_method() on a context from get_context(): it already is one start method."""
    ctx.set_start_method("spawn")


def preload_not_a_list(ctx):
    """Fork server: set_forkserver_preload() with the modules themselves instead of their names."""
    needs_forkserver(ctx)
    ctx.set_forkserver_preload([json])


def too_many_fds(ctx):
    """Fork server: a Process whose arguments hold 252 connections, each an open file descriptor."""
    needs_forkserver(ctx)
    pipes = [ctx.Pipe() for _ in range(FDS)]
    ends = [end for pipe in pipes for end in pipe]
    try:
        p = ctx.Process(target=idle, args=(ends,))
        p.start()
        p.join(timeout=20)
    finally:
        for end in ends:
            end.close()


def needs_forkserver(ctx):
    if ctx.get_start_method() != "forkserver":
        sys.exit("this case is about the fork server: run it with --start-method forkserver (Linux, macOS)")


CASES = {f.__name__.replace("_", "-"): f for f in (concrete_context, preload_not_a_list, too_many_fds)}


if __name__ == "__main__":
    run_cases(__doc__, CASES)
