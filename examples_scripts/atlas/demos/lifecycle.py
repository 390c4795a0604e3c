"""Atlas demos: a Process object used out of order. Name a case; it makes one message appear.

Run from the book's root folder, for example
``python examples_scripts/atlas/demos/lifecycle.py start-twice``. Watch for the last line of the
traceback: the message the atlas entry (book/atlas/lifecycle.md) is about. Each case's docstring
says what it does wrong; every child it starts ends at once, and every wait is bounded.
"""

import argparse
import multiprocessing as mp


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


CASES = {f.__name__.replace("_", "-"): f for f in (start_twice, join_before_start, sentinel_before_start)}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument("case", choices=CASES, help="which mistake to make")
    return parser.parse_args()


def main():
    args = parse_args()
    CASES[args.case](mp.get_context(args.start_method))


if __name__ == "__main__":
    main()
