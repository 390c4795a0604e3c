"""Solution to exercise ch07-ex2: a Namespace attribute that holds a list has the nested-mutation pitfall too.

Watch for: ``ns.items`` fetches a copy of the list from the server, so
``ns.items.append(...)`` in the child changes that copy only. Assigning the attribute
(``ns.items = ...``) is what sends a value to the server.
"""

import argparse
import multiprocessing as mp

TIMEOUT = 10  # seconds


def append_in_place(ns):
    ns.items.append("x")  # lost: appends to a copy


def append_and_reassign(ns):
    items = ns.items
    items.append("x")
    ns.items = items  # the assignment reaches the server


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
        for worker in (append_in_place, append_and_reassign):
            ns = manager.Namespace()
            ns.items = []
            child = ctx.Process(target=worker, args=(ns,))
            child.start()
            child.join(timeout=TIMEOUT)
            print(f"{worker.__name__ + ':':<21} ns.items = {ns.items}", flush=True)


if __name__ == "__main__":
    main()
