"""BROKEN ON PURPOSE: starts a process at module level, with no ``if __name__ == "__main__":``.

Watch for: under spawn the child re-imports this file to find ``greet``, reaches
``child.start()`` again, and refuses with "RuntimeError: An attempt has been made to start a
new process before the current process has finished its bootstrapping phase." The child dies
with exit code 1; nothing recurses, and the parent carries on. Under fork it works.
The fixed version is ../fixed/no_main_guard.py.
"""

import argparse
import multiprocessing as mp


def greet():
    print("hello from the child", flush=True)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


method = parse_args().start_method
print(f"module level: __name__ = {__name__!r}, starting a child with {method}", flush=True)
child = mp.get_context(method).Process(target=greet)
child.start()
child.join(timeout=20)
print(f"{__name__}: child exit code {child.exitcode}", flush=True)
