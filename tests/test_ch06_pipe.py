"""Chapter 6: Pipe scripts under every start method; the broken demo bounds itself as documented.

What each run must show is in examples_scripts/checks/pipe.py, shared with the chapter's hidden cells.
"""

from examples_scripts.checks import pipe as check
from examples_scripts.launch import run


def test_echo_works_both_ways_on_a_duplex_pipe(method):
    check.pipe_echo(run("pipe_echo.py", "--start-method", method, echo=False, timeout=90), method)


def test_one_way_pipe_refuses_the_wrong_direction_and_ends_with_eoferror(method):
    check.pipe_one_way(run("pipe_one_way.py", "--start-method", method, echo=False, timeout=90), method)


def test_parent_keeping_the_child_end_never_gets_eoferror(method):
    # the same under spawn, fork and forkserver (Linux 3.11, 3.14) and spawn on Windows
    check.broken_pipe_parent_keeps_child_end(
        run("broken/pipe_parent_keeps_child_end.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_closing_the_child_end_after_start_gives_eoferror_at_once(method):
    check.pipe_close_unused_end(
        run("pipe_close_unused_end.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_recv_unpickles_and_runs_code_in_the_receiver(method):
    check.pipe_recv_unpickles(run("pipe_recv_unpickles.py", "--start-method", method, echo=False, timeout=90), method)


def test_ch06_ex1_ping_pong(method):
    """Exercise ch06-ex1."""
    check.ch06_ex1_pipe_ping_pong(
        run("solutions/ch06_ex1_pipe_ping_pong.py", "--start-method", method, echo=False, timeout=90), method
    )


def test_ch06_ex2_json_rejects_the_pickle_without_running_it(method):
    """Exercise ch06-ex2."""
    check.ch06_ex2_pipe_json(
        run("solutions/ch06_ex2_pipe_json.py", "--start-method", method, echo=False, timeout=90), method
    )
