"""BROKEN ON PURPOSE: sends eight things that pickle cannot handle to a Process and to a Pool.

Watch for: one line per case and per route, "case: route: exception type: message". Under
spawn and forkserver, ``Process.start()`` raises in the parent (the target never runs) and
``Pool.map`` re-raises the same error in the parent. Under fork, ``Process.start()`` pickles
nothing, so every case "works" there (the bug hides), while a Pool still pickles each task.
Python 3.14 rewrote some messages and adds notes naming the object that failed: the line
"notes:" shows the innermost and the outermost. On Windows each failed start() also leaves a
half-born child that dies on stderr ("EOFError: Ran out of input"). Fixes: fixed/unpicklable_*.py.
"""

import argparse
import multiprocessing as mp
import sqlite3
import sys
import threading

square = lambda x: x * x  # a lambda: its name is "<lambda>", not "square"


def first(item):
    return next(iter(item))


def describe(obj):
    return type(obj).__name__


def make_adder(n):
    def add(x):  # a nested function: a closure over n
        return x + n

    return add


def make_point():
    class Point:  # a class defined inside a function
        pass

    return Point()


class Account:
    def __init__(self):
        self.lock = threading.Lock()
        self.balance = 0

    def deposit(self, amount):
        with self.lock:
            self.balance += amount
        return self.balance


def gen():
    yield 1


def cases(resources):
    """(case name, function, argument): the function and the argument both cross the boundary."""
    file, db = resources
    return [
        ("lambda", square, 1),
        ("nested function", make_adder(1), 1),
        ("local class", describe, make_point()),
        ("bound method, lock", Account().deposit, 1),
        ("generator", first, gen()),
        ("open file", first, file),
        ("threading.Lock", describe, threading.Lock()),
        ("sqlite3.Connection", describe, db),
    ]


def report(case, route, error):
    print(f"{case}: {route}: {type(error).__name__}: {error}", flush=True)
    notes = getattr(error, "__notes__", [])
    if notes:
        print(f"{case}: {route}: notes: {notes[0]} ... {notes[-1]}", flush=True)


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
    print(f"Python {sys.version_info.major}.{sys.version_info.minor}, start method {method}", flush=True)
    with open(__file__, encoding="utf-8") as file, sqlite3.connect(":memory:") as db, ctx.Pool(1) as pool:
        for case, function, argument in cases((file, db)):
            child = ctx.Process(target=function, args=(argument,))
            try:
                child.start()
            except Exception as error:
                report(case, "Process.start()", error)
            else:
                child.join(timeout=10)
                print(f"{case}: Process.start(): ok, child exit code {child.exitcode}", flush=True)
            try:
                result = pool.map_async(function, [argument]).get(timeout=10)
            except Exception as error:
                report(case, "Pool.map()", error)
            else:
                print(f"{case}: Pool.map(): ok, result {result}", flush=True)
        pool.close()
        pool.join()
    db.close()  # a with block commits, it does not close


if __name__ == "__main__":
    main()
