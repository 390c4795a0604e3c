"""BROKEN ON PURPOSE: the target is a bound method of an object that holds a threading.Lock.

Watch for: under spawn and forkserver, ``start()`` pickles the Process object, the bound
method with it, the Account with that, and its lock, which cannot be pickled: the parent gets
"TypeError: cannot pickle '_thread.lock' object" at the ``child.start()`` line and exits with
status 1. Python 3.14 adds notes that name the path ("when serializing dict item 'lock'" ...).
On Windows the child is created before the pickling, so it also dies, with "EOFError: Ran out
of input". Under fork nothing is pickled and it works. The fix is ../pickle_fix_getstate.py.
"""

import argparse
import multiprocessing as mp
import threading


class Account:
    def __init__(self):
        self.lock = threading.Lock()
        self.balance = 0

    def deposit(self, amount):
        with self.lock:
            self.balance += amount
        print(f"child: deposited {amount}, balance {self.balance}", flush=True)


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
    ctx = mp.get_context(parse_args().start_method)
    account = Account()
    child = ctx.Process(target=account.deposit, args=(10,))
    child.start()
    child.join(timeout=10)
    print(f"parent: child exit code {child.exitcode}", flush=True)


if __name__ == "__main__":
    main()
