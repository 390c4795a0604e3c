"""Reading a child's exit code: what each way of ending gives, on this OS.

Watch for: 0 is success; 1 is an uncaught exception; ``sys.exit(n)`` and ``os._exit(n)``
give n; a negative code -N means "ended by signal N" on POSIX: -15 for ``terminate()``
(SIGTERM), -9 for ``kill()`` (SIGKILL). Windows has no signals: both give -15 there.
"""

import argparse
import multiprocessing as mp
import os
import signal
import sys
import time


def returns():
    pass


def raises():
    raise RuntimeError("uncaught")


def calls_sys_exit():
    sys.exit(3)


def calls_os_exit():
    os._exit(4)  # ends at once: no finally blocks, no atexit, no flush


def runs_forever(running):
    running.set()  # tell the parent that it runs
    while True:
        time.sleep(0.01)


def meaning(code):
    if code == 0:
        return "success"
    if code < 0:
        return (
            f"ended by signal {signal.Signals(-code).name}"
            if sys.platform != "win32"
            else "terminated (Windows reports -SIGTERM)"
        )
    return "error or sys.exit(code)"


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
    for target, stop in [
        (returns, None),
        (raises, None),
        (calls_sys_exit, None),
        (calls_os_exit, None),
        (runs_forever, "terminate"),
        (runs_forever, "kill"),
    ]:
        running = ctx.Event()
        p = ctx.Process(target=target, args=(running,) if stop else ())
        p.start()
        if stop:
            running.wait(timeout=20)  # until it runs its loop
            getattr(p, stop)()
        p.join(timeout=20)
        how = f"{target.__name__} + {stop}()" if stop else target.__name__
        print(f"{how:<26} exitcode {p.exitcode:>3}  {meaning(p.exitcode)}", flush=True)


if __name__ == "__main__":
    main()
