"""Chapter 6: Pipe scripts under every start method; the broken demo bounds itself as documented."""
import re

from examples_scripts.launch import run


def test_echo_works_both_ways_on_a_duplex_pipe(method):
    r = run("pipe_echo.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "echo: hello\nchild exit code 0\n"


def test_one_way_pipe_refuses_the_wrong_direction_and_ends_with_eoferror(method):
    r = run("pipe_one_way.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ("child: recv() on the send end: OSError: connection is write-only\n"
                        "parent: EOFError: the child has exited and nothing is left\n"
                        "parent: received [(0, 0), (1, 1), (2, 4)]\n"
                        "child exit code 0\n")


def test_parent_keeping_the_child_end_never_gets_eoferror(method):
    # the same under spawn, fork and forkserver (Linux 3.11, 3.14) and spawn on Windows
    r = run("broken/pipe_parent_keeps_child_end.py", "--start-method", method, echo=False, timeout=30)
    assert r.returncode == 1, (r.returncode, r.stderr)   # the script's own 1 s bound, not a kill
    assert r.stdout == ("child: exiting without sending anything\n"
                        "child exit code 0\n"
                        "parent: still waiting after 1.0 s; recv() would block forever\n")


def test_closing_the_child_end_after_start_gives_eoferror_at_once(method):
    r = run("pipe_close_unused_end.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    found = re.search(r"parent: recv\(\) raised EOFError after (\d+\.\d\d) s", r.stdout)
    assert found, r.stdout
    assert float(found.group(1)) < 1.0


def test_recv_unpickles_and_runs_code_in_the_receiver(method):
    r = run("pipe_recv_unpickles.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ("!!! printed by pickle inside recv(), in the parent\n"
                        "parent: recv() returned None\n"
                        "parent: recv() returned a pid; it is the parent's own: True\n"
                        "parent: recv_bytes() returned a pickle (b'\\x80'...); nothing ran\n"
                        "child exit code 0\n")


def test_exercise_ping_pong(method):
    r = run("solutions/ch06_ex1_pipe_ping_pong.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout == "3 -> 9\n4 -> 16\n5 -> 25\nchild exit code 0\n"


def test_exercise_json_rejects_the_pickle_without_running_it(method):
    r = run("solutions/ch06_ex2_pipe_json.py", "--start-method", method, echo=False)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ("parent: {'n': 0, 'square': 0}\n"
                        "parent: {'n': 1, 'square': 1}\n"
                        "parent: {'n': 2, 'square': 4}\n"
                        "parent: rejected a message that is not JSON\n"
                        "child exit code 0\n")
