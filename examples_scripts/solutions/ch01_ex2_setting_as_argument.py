"""Solution to exercise ch01-ex2: hand the child the value instead of hoping it inherits it.

Watch for: the child sees ``'changed in main()'`` under every start method, because the
value travels with the ``Process`` object (pickled under spawn and forkserver).
"""

import argparse
import multiprocessing as mp

SETTING = "set at import"


def report(setting):
    print(f"child sees setting = {setting!r}", flush=True)


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
    child = mp.get_context(method).Process(target=report, args=(SETTING,))
    child.start()
    child.join(timeout=20)


if __name__ == "__main__":
    main()
