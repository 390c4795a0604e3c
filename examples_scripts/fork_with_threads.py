"""Starting a child while another thread runs: fork warns, spawn and forkserver do not.

Watch for: since Python 3.12, forking a process that has other threads raises a
DeprecationWarning ("use of fork() may lead to deadlocks in the child"), because a lock
held by another thread at that moment stays locked forever in the child's copy.
The script shows every warning (Python hides DeprecationWarning outside __main__ by default),
and its first line names the Python that ran it: 3.11 does not warn.
"""

import argparse
import multiprocessing as mp
import platform
import threading
import warnings


def child():
    pass


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
    stop = threading.Event()
    # a daemon thread cannot keep the script alive, so it may wait without a timeout: it is
    # certain to be running when the child starts, however slow the machine
    helper = threading.Thread(target=stop.wait, daemon=True)
    helper.start()
    threads = threading.active_count()
    print(f"Python {platform.python_version()}: {threads} threads running; starting a child with {method}", flush=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", DeprecationWarning)
        p = mp.get_context(method).Process(target=child)
        p.start()
        p.join(timeout=20)
    stop.set()
    helper.join(timeout=20)
    for w in caught:
        print(f"{w.category.__name__}: {w.message}")
    print(f"{len(caught)} warning(s); child exit code {p.exitcode}")


if __name__ == "__main__":
    main()
