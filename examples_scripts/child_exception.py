"""An exception in a child: its traceback goes to the child's stderr; the parent gets exit code 1.

Watch for: the traceback, headed ``Process SpawnProcess-1:``, is printed by the child. In the
parent nothing is raised: ``join()`` returns normally, and ``exitcode == 1`` is all it learns.
The parent's ``except`` never runs, and the parent itself exits with status 0.
"""

import argparse
import multiprocessing as mp


def parse_number(text):
    return int(text)  # int("forty-two") raises ValueError, in the child


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
    p = ctx.Process(target=parse_number, args=("forty-two",))
    try:
        p.start()
        p.join(timeout=20)
    except ValueError:
        print("parent: caught the child's ValueError", flush=True)  # never happens
    print(f"parent: join() returned normally; the child's exit code is {p.exitcode}", flush=True)


if __name__ == "__main__":
    main()
