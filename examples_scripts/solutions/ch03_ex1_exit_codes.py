"""Solution to exercise ch03-ex1: what exit code does each way of ending a child give?

Watch for: a normal return gives 0; ``sys.exit(3)`` gives 3; ``sys.exit("bad input")``
prints the message on the child's stderr and gives 1; an uncaught exception prints a
traceback on the child's stderr and gives 1.
"""

import argparse
import multiprocessing as mp
import sys


def returns():
    return "ignored"


def exits_3():
    sys.exit(3)


def exits_with_message():
    sys.exit("bad input")


def raises():
    raise RuntimeError("something broke")


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
    for target in (returns, exits_3, exits_with_message, raises):
        p = ctx.Process(target=target)
        p.start()
        p.join(timeout=20)
        print(f"{target.__name__:<18} -> exit code {p.exitcode}", flush=True)


if __name__ == "__main__":
    main()
