"""A global changed in the parent after import: does the child see the change?

Watch for: fork copies the parent's memory, so the child sees ``'changed in main()'``.
Spawn and forkserver re-import this file, so the child sees the value the module-level
code gives it, ``'set at import'``, and every later change made by the parent is missing.
"""

import argparse
import multiprocessing as mp

SETTING = "set at import"


def report():
    print(f"child sees SETTING = {SETTING!r}", flush=True)


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
    global SETTING
    method = parse_args().start_method
    SETTING = "changed in main()"
    print(f"parent sets SETTING = {SETTING!r}, then starts a child with {method}", flush=True)
    child = mp.get_context(method).Process(target=report)
    child.start()
    child.join(timeout=20)


if __name__ == "__main__":
    main()
