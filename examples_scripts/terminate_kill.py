"""A child stuck in a loop: join(timeout) gives up, terminate() and kill() end it.

Watch for: ``join(timeout=0.2)`` returns while the child is still alive (``exitcode`` stays
``None``); you must check. ``terminate()`` gives exit code -15 (SIGTERM) on POSIX, ``kill()``
-9 (SIGKILL). On Windows both call TerminateProcess and both report -15. Either way the
child's ``finally`` block never runs: no clean-up happens.
"""

import argparse
import multiprocessing as mp
import time


def stuck(ready):
    ready.set()
    try:
        while True:  # a bug: this loop never ends
            time.sleep(0.01)
    finally:
        print("child: finally block ran", flush=True)  # never printed


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
    for how in ("terminate", "kill"):
        ready = ctx.Event()
        p = ctx.Process(target=stuck, args=(ready,))
        p.start()
        ready.wait(timeout=20)
        p.join(timeout=0.2)
        print(f"join(timeout=0.2) returned: is_alive={p.is_alive()} exitcode={p.exitcode}", flush=True)
        getattr(p, how)()  # p.terminate() or p.kill()
        p.join(timeout=20)
        print(f"after {how}(): is_alive={p.is_alive()} exitcode={p.exitcode}", flush=True)


if __name__ == "__main__":
    main()
