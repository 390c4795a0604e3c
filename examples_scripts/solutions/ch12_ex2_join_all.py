"""Solution to exercise ch12-ex2: join every child, then raise one error naming each that failed.

Watch for: a stuck child is terminated after the deadline, so ``join_all`` always returns or
raises within about ``timeout`` seconds; the error lists every failed child, not only the first.
So that every run prints the same, ``main`` lets the three children that end do so before it
calls ``join_all``: its deadline then only ever catches ``stuck``, however slowly the others
started on a busy machine.
"""

import argparse
import multiprocessing as mp
import os
import time


def returns():
    pass


def raises():
    raise RuntimeError("uncaught")


def exits_4():
    os._exit(4)


def stuck():
    while True:
        time.sleep(0.01)


def join_all(processes, timeout):
    """Wait at most ``timeout`` s in all; terminate stragglers; raise if any exit code is not 0."""
    deadline = time.monotonic() + timeout
    failed = []
    for p in processes:
        p.join(max(0, deadline - time.monotonic()))
        if p.is_alive():
            p.terminate()
            p.join(5)
            failed.append(f"{p.name} still running after {timeout} s, terminated")
        elif p.exitcode != 0:
            failed.append(f"{p.name} exit code {p.exitcode}")
    if failed:
        raise RuntimeError(f"{len(failed)} of {len(processes)} children failed: " + "; ".join(failed))


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
    processes = [ctx.Process(target=t, name=t.__name__) for t in (returns, raises, exits_4, stuck)]
    for p in processes:
        p.start()
    for p in processes[:3]:  # the three that end by themselves: let them
        p.join(timeout=30)
    try:
        join_all(processes, timeout=0.5)
    except RuntimeError as e:
        print(e, flush=True)


if __name__ == "__main__":
    main()
