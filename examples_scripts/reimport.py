"""Who runs which line? The child re-imports this file, under another name.

Watch for: under spawn (and forkserver) the module-level line runs again, in a process
whose ``__name__`` is ``'__mp_main__'``, so the guarded block is skipped there. Under fork
the child is a copy of the parent: nothing is imported again.
"""

import argparse
import multiprocessing as mp

print(f"module level: __name__ = {__name__!r} in {mp.current_process().name}", flush=True)


def work():
    print(f"work():       __name__ = {__name__!r} in {mp.current_process().name}", flush=True)


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
    method = parse_args().start_method
    print(f"guarded block: __name__ = {__name__!r}, starting a child with {method}", flush=True)
    child = mp.get_context(method).Process(target=work)
    child.start()
    child.join(timeout=20)
    print(f"guarded block: child exit code {child.exitcode}", flush=True)


if __name__ == "__main__":
    main()
