"""BROKEN ON PURPOSE: Ctrl-C while a Pool works, with no handling: a traceback from every worker.

Watch for: a terminal's Ctrl-C reaches the parent AND every worker (on POSIX, SIGINT goes to
the whole foreground process group). Each busy worker dies with its own
``KeyboardInterrupt`` traceback, then the parent prints one more. The script presses
Ctrl-C itself, after the first result, by sending SIGINT where a terminal would. Sometimes
the program then hangs on its way out: a worker killed while holding the task queue's lock
leaves ``Pool.terminate()`` waiting for it forever. A watchdog ends that after 5 s, with
exit status 3 and a message. POSIX only: on Windows a script cannot send Ctrl-C to its
workers this way. The fix is fixed/pool_ctrl_c.py.
"""

import argparse
import multiprocessing as mp
import os
import signal
import sys
import threading
import time


def wait_for_each_other(barrier):
    """Pool initializer: no task starts until every worker is up (so the demo is repeatable).

    The pool replaces the workers Ctrl-C killed, and a replacement may find nobody to wait for:
    after 10 s it goes on, finds the parent gone (or the pool terminating), and exits."""
    try:
        barrier.wait(timeout=10)
    except threading.BrokenBarrierError:
        pass


def slow_square(x):
    time.sleep(0.2)  # stands in for work
    return x * x


def press_ctrl_c():
    """Do what a terminal's Ctrl-C does: SIGINT to every worker, then to this process."""
    for worker in sorted(mp.active_children(), key=lambda w: w.name):  # the pool's workers
        try:
            os.kill(worker.pid, signal.SIGINT)
        except ProcessLookupError:  # it ended between the listing and now: nothing to interrupt
            continue
        worker.join(timeout=20)  # one at a time: each traceback is complete before the next begins
    watchdog = threading.Timer(5, hung_on_exit)
    watchdog.daemon = True
    watchdog.start()
    signal.raise_signal(signal.SIGINT)


def hung_on_exit():
    print("watchdog: still shutting down after 5 s: the pool hangs in terminate()", file=sys.stderr, flush=True)
    for _ in range(5):  # the workers the pool started to replace the dead ones (it may start more)
        for worker in mp.active_children():
            worker.kill()
        time.sleep(0.1)
    os._exit(3)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


if __name__ == "__main__":
    if sys.platform == "win32":
        sys.exit("this demo sends SIGINT to the workers, which Windows cannot do: see the chapter")
    ctx = mp.get_context(parse_args().start_method)
    barrier = ctx.Barrier(2)
    with ctx.Pool(2, initializer=wait_for_each_other, initargs=(barrier,)) as pool:
        for i, result in enumerate(pool.imap(slow_square, range(8))):
            print(f"got {result}", flush=True)
            if i == 0:
                press_ctrl_c()  # the user gets impatient
