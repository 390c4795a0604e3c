"""Ctrl-C with a Pool, handled: workers ignore SIGINT, the parent stops them and exits with 130.

Watch for: one short message instead of a traceback from every worker. The pool's
initializer makes each worker ignore SIGINT, so only the parent gets ``KeyboardInterrupt``.
It catches it, calls ``terminate()`` and ``join()``, and exits with status 130, the shell's
code for "ended by Ctrl-C". The script presses Ctrl-C itself, after the first result.
"""

import argparse
import multiprocessing as mp
import os
import signal
import sys
import time


def ignore_ctrl_c(barrier):
    """Pool initializer: this worker ignores Ctrl-C; the parent decides what to do."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    barrier.wait(timeout=30)  # no task starts until every worker is up (so the demo is repeatable)


def slow_square(x):
    time.sleep(0.2)  # stands in for work
    return x * x


def press_ctrl_c():
    """Do what a terminal's Ctrl-C does: SIGINT to every worker (POSIX only), then to this process."""
    if sys.platform != "win32":
        for child in mp.active_children():  # the pool's workers, which now ignore it
            os.kill(child.pid, signal.SIGINT)
    signal.raise_signal(signal.SIGINT)


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
    pool = ctx.Pool(2, initializer=ignore_ctrl_c, initargs=(ctx.Barrier(2),))
    try:
        for i, result in enumerate(pool.imap(slow_square, range(8))):
            print(f"got {result}", flush=True)
            if i == 0:
                press_ctrl_c()  # the user gets impatient
        pool.close()
    except KeyboardInterrupt:
        print("interrupted: stopping the workers", file=sys.stderr, flush=True)
        pool.terminate()
        pool.join()
        sys.exit(130)
    pool.join()


if __name__ == "__main__":
    main()
