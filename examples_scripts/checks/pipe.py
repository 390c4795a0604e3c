"""What the runs of chapter 6 (notebooks/06_pipe.ipynb, Pipe) must show.

One function per script, named after it (``broken_`` for the script in that folder). Each
takes the ``CompletedProcess`` that ``launch.run()`` returned and the start method it ran with.
Every script here prints from one process at a time, in an order its pipe fixes (a child's
line before the message or the end of the pipe that the parent waits for), so whole outputs
are compared. No check measures time: where the chapter says "at once", the script waits
with a timeout of 0.
"""

import json

from examples_scripts.checks import shown as _shown


def _output(r, returncode, *lines):
    """The exit status, and stdout exactly these lines (a last line ``json: {...}``, the facts a
    figure draws, aside: it is returned, parsed, or None)."""
    assert r.returncode == returncode, _shown(r)
    out, _, raw = r.stdout.partition("json: ")
    assert out == "".join(line + "\n" for line in lines), _shown(r)
    return json.loads(raw) if raw else None


def _ends(r, facts, closed_in_parent, outcome):
    """Who held which end: the parent both ends (the child's end closed after start() or not), the
    child its own copy, and what the parent's wait ended with."""
    assert facts is not None, "no json: line" + _shown(r)
    assert facts["exitcode"] == 0 and facts["parent"] != facts["child"], _shown(r)
    assert set(facts["fds"]) == {"parent_end", "child_end"}, _shown(r)
    assert facts["child_end_closed_in_parent"] is closed_in_parent and facts["outcome"] == outcome, _shown(r)
    return facts


def pipe_echo(r, method="spawn"):
    """The echo works both ways on a duplex pipe."""
    _output(r, 0, "echo: hello", "child exit code 0")


def pipe_one_way(r, method="spawn"):
    """The child's recv() on the send end fails; the parent reads three results, then EOFError."""
    _output(
        r,
        0,
        "child: recv() on the send end: OSError: connection is write-only",
        "parent: EOFError: the child has exited and nothing is left",
        "parent: received [(0, 0), (1, 1), (2, 4)]",
        "child exit code 0",
    )


def broken_pipe_parent_keeps_child_end(r, method="spawn"):
    """The child has exited, and the parent still has neither a message nor EOFError (every start method)."""
    # exit status 1 is the script's own 1 s bound; a kill by run()'s timeout would be None
    facts = _output(
        r,
        1,
        "child: exiting without sending anything",
        "child exit code 0",
        "parent: still waiting after 1.0 s; recv() would block forever",
    )
    return _ends(r, facts, False, "still waiting after 1.0 s")


def pipe_close_unused_end(r, method="spawn"):
    """With the parent's copy closed, the pipe is closed as soon as the child has exited."""
    facts = _output(
        r,
        0,
        "child: exiting without sending anything",
        "child exit code 0",
        "parent: ready without waiting; recv() raised EOFError",
    )
    return _ends(r, facts, True, "EOFError at once")


def pipe_recv_unpickles(r, method="spawn"):
    """recv() ran print() and os.getpid() in the parent; recv_bytes() ran nothing."""
    _output(
        r,
        0,
        "!!! printed by pickle inside recv(), in the parent",
        "parent: recv() returned None",
        "parent: recv() returned a pid; it is the parent's own: True",
        "parent: recv_bytes() returned a pickle (b'\\x80'...); nothing ran",
        "child exit code 0",
    )


def ch06_ex1_pipe_ping_pong(r, method="spawn"):
    """Exercise ch06-ex1: three requests, three answers, then the child stops at the sentinel."""
    _output(r, 0, "3 -> 9", "4 -> 16", "5 -> 25", "child exit code 0")


def ch06_ex2_pipe_json(r, method="spawn"):
    """Exercise ch06-ex2: three dicts through JSON; the pickle is rejected without running it (no "!!!")."""
    _output(
        r,
        0,
        "parent: {'n': 0, 'square': 0}",
        "parent: {'n': 1, 'square': 1}",
        "parent: {'n': 2, 'square': 4}",
        "parent: rejected a message that is not JSON",
        "child exit code 0",
    )
