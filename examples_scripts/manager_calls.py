"""One Manager server, three processes with proxies: every call, in the order the server ran it.

Watch for: the parent and two spawned workers each hold a proxy to one object, which lives in
the manager's server process (a pid of its own). Every method call on a proxy travels to the
server, runs there, and its answer travels back. The object notes each call it serves: who
made it, in which process and which server thread it ran. The workers' calls interleave as
this run's scheduling decides. The script prints the calls in the server's order, then one
line ``json: {...}`` with the same facts, for the chapter's figure.
"""

import argparse
import json
import multiprocessing as mp
import os
import threading
from multiprocessing.managers import SyncManager

TIMEOUT = 10  # seconds


class Board:
    """A small dict that lives in the manager's server and notes every call it serves."""

    def __init__(self):
        self.data = {}
        self.calls = []

    def note(self, who, call, reply):
        here = threading.current_thread().name  # the server thread that serves this caller's connection
        self.calls.append({"who": who, "call": call, "reply": reply, "pid": os.getpid(), "thread": here})

    def set(self, who, key, value):
        self.data[key] = value
        self.note(who, f"set {key}={value}", "None")

    def get(self, who, key):
        value = self.data[key]
        self.note(who, f"get {key}", repr(value))
        return value

    def log(self):
        return self.calls  # returned as a pickled copy; this call is not noted


class BoardManager(SyncManager):
    """A SyncManager that can also make a Board in its server."""


BoardManager.register("Board", Board)


def worker(name, factor, board):
    n = board.get(name, "n")  # one round trip
    board.set(name, f"w{factor}", n * factor)  # another


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


def main():
    method = parse_args().start_method
    ctx = mp.get_context(method)
    with BoardManager(ctx=ctx) as manager:
        board = manager.Board()  # the Board is made in the server; we get a proxy
        board.set("parent", "n", 7)
        children = [ctx.Process(target=worker, args=(f"worker {i}", i, board), name=f"worker {i}") for i in (1, 2)]
        for p in children:
            p.start()
        for p in children:
            p.join(timeout=TIMEOUT)
        results = [board.get("parent", key) for key in ("w1", "w2")]
        calls = board.log()
    pids = {"parent": os.getpid(), **{p.name: p.pid for p in children}}
    (server_pid,) = {c["pid"] for c in calls}
    print(f"proxy type in the parent: {type(board).__name__}")
    print(
        f"the server: pid {server_pid}; the parent: pid {pids['parent']}; workers: pids",
        pids["worker 1"],
        pids["worker 2"],
    )
    for step, c in enumerate(calls, start=1):
        print(f"{step}. {c['who']:<8} -> server, thread {c['thread']!r:<13}: {c['call']:<8} -> reply {c['reply']}")
    print(f"results read by the parent: {results}")
    print(f"exit codes: {[p.exitcode for p in children]}")
    data = {"start_method": method, "server_pid": server_pid, "pids": pids, "calls": calls}
    print("json:", json.dumps(data))


if __name__ == "__main__":
    main()
