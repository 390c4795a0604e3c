"""BROKEN ON PURPOSE: the program dies without clean-up while it owns a multiprocessing Lock.

Watch for: on Linux and macOS a Lock made by a spawn or forkserver context is a named POSIX
semaphore, registered with multiprocessing's resource tracker. The script ends with
``os._exit()``, as a program killed from outside (or crashing) would: no finalizer runs, so
the tracker removes the semaphore itself and warns "UserWarning: resource_tracker: There
appear to be 1 leaked semaphore objects to clean up at shutdown". Windows has no resource
tracker (the OS frees the semaphore with its last handle), and under fork the name is
unlinked at once: neither warns. The fix: let the program end normally (close and join
pools, catch KeyboardInterrupt) so each Lock is released by its finalizer.
"""

import argparse
import multiprocessing as mp
import os


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


def hold(lock):
    with lock:
        print("child: took the lock and released it", flush=True)


def main():
    ctx = mp.get_context(parse_args().start_method)
    lock = ctx.Lock()
    child = ctx.Process(target=hold, args=(lock,))
    child.start()
    child.join(timeout=20)
    print(f"parent: child exit code {child.exitcode}; now dying without clean-up", flush=True)
    os._exit(0)  # BUG: like a kill or a crash, no finalizer runs


if __name__ == "__main__":
    main()
