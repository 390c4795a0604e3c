"""Daemon processes: ended when the parent exits, and not allowed children of their own.

Watch for: the parent never joins either child. At exit, multiprocessing terminates the
daemon (its ``finally`` never runs) and waits for the normal child, which finishes its work
after ``main()`` has returned: it waits for an Event that ``main()`` sets as its last step.
Inside the daemon, ``start()`` refuses with "AssertionError: daemonic processes are not
allowed to have children" (unless Python runs without asserts, as with ``-O``).
"""

import argparse
import multiprocessing as mp
import time


def nothing():
    pass


def background(method, ready):
    grandchild = mp.get_context(method).Process(target=nothing)
    try:
        grandchild.start()
    except AssertionError as exc:
        print(f"daemon: start() -> AssertionError: {exc}", flush=True)
    else:  # only where asserts are stripped (python -O)
        grandchild.join(timeout=20)
        print(f"daemon: started a child anyway (asserts are off); its exit code {grandchild.exitcode}", flush=True)
    ready.set()
    try:
        while True:  # would run forever
            time.sleep(0.01)
    finally:
        print("daemon: finally block ran", flush=True)  # never printed


def finite(running, main_done):
    running.set()
    main_done.wait(timeout=20)  # main() sets it as its last step: this child is still at work then
    print("normal child: finished its work", flush=True)


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
    ctx = mp.get_context(method)
    ready, running, main_done = ctx.Event(), ctx.Event(), ctx.Event()
    ctx.Process(target=background, args=(method, ready), daemon=True).start()
    ctx.Process(target=finite, args=(running, main_done)).start()
    ready.wait(timeout=20)
    running.wait(timeout=20)  # both children have unpickled their Events: main() may now drop its own
    print("parent: main() returns without joining anyone", flush=True)
    main_done.set()


if __name__ == "__main__":
    main()
