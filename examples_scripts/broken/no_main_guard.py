"""BROKEN ON PURPOSE: starts a process at module level, with no ``if __name__ == "__main__":``.

Watch for: under spawn the child re-imports this file to find ``greet``, reaches
``child.start()`` again, and refuses with "RuntimeError: An attempt has been made to start a
new process before the current process has finished its bootstrapping phase." The child dies
with exit code 1; nothing recurses, and the parent carries on. Under fork it works.
The fixed version is ../main_guard.py.
"""
import argparse
import multiprocessing as mp
import sys


def greet():
    print("hello from the child", flush=True)


def parse_args():
    methods = mp.get_all_start_methods()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start-method", default="spawn", help=f"one of {methods} (default: spawn)")
    args = parser.parse_args()
    if args.start_method not in methods:
        sys.exit(f"error: start method {args.start_method!r} is not available here; choose from {methods}")
    return args


method = parse_args().start_method
print(f"module level: __name__ = {__name__!r}, starting a child with {method}", flush=True)
child = mp.get_context(method).Process(target=greet)
child.start()
child.join(timeout=20)
print(f"{__name__}: child exit code {child.exitcode}", flush=True)
