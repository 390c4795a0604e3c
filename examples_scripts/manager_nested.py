"""A list inside a manager dict: appending to it changes nothing; two ways that work.

Watch for: ``d["list"]`` returns a *copy* of the list (pickled from the server to the
caller), so ``d["list"].append(x)`` appends to that temporary copy, which is then thrown
away. The dict in the server never hears of it. Fix 1: read the list, change it, assign it
back. Fix 2: store a nested proxy, ``manager.list()``, whose ``append`` runs in the server.
Each version runs in a spawned child, and the parent looks at the result.
"""

import argparse
import multiprocessing as mp

TIMEOUT = 10  # seconds


def append_in_place(d):
    d["list"].append("x")  # appends to a copy: lost


def append_and_reassign(d):
    lst = d["list"]  # a local copy
    lst.append("x")
    d["list"] = lst  # send the whole list back (not safe against other writers: use a Lock)


def append_to_nested_proxy(d):
    d["list"].append("x")  # d["list"] is a ListProxy here: the append runs in the server


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
    with ctx.Manager() as manager:
        for worker, empty in [
            (append_in_place, []),
            (append_and_reassign, []),
            (append_to_nested_proxy, manager.list()),
        ]:
            d = manager.dict()
            d["list"] = empty
            child = ctx.Process(target=worker, args=(d,))
            child.start()
            child.join(timeout=TIMEOUT)
            stored = d["list"]
            print(
                f"{worker.__name__ + ':':<24} d['list'] is a {type(stored).__name__:<9} holding {list(stored)}",
                flush=True,
            )


if __name__ == "__main__":
    main()
