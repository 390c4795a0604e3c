"""faulthandler finds where a hung worker is stuck: it dumps the stack, then ends the process.

Watch for: the worker waits on a queue that nobody fills. After 1 s,
``faulthandler.dump_traceback_later(1, exit=True)`` prints every thread's stack on the
worker's stderr, innermost call first, with our function and line (``wait_for_task``), then
exits the worker with code 1. Without it the worker would wait forever and say nothing.
"""

import argparse
import faulthandler
import multiprocessing as mp

HANG_LIMIT = 1  # seconds: set it above the longest a task may honestly take


def wait_for_task(tasks):
    return tasks.get()  # nobody ever puts a task: this waits forever


def worker(tasks):
    faulthandler.dump_traceback_later(HANG_LIMIT, exit=True)  # a watchdog thread starts counting
    task = wait_for_task(tasks)
    faulthandler.cancel_dump_traceback_later()  # not reached here; a healthy worker cancels it
    print(f"worker got {task!r}", flush=True)


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
    tasks = ctx.Queue()
    p = ctx.Process(target=worker, args=(tasks,))
    p.start()
    p.join(timeout=20)  # the watchdog ends the worker after HANG_LIMIT
    print(f"parent: worker exit code {p.exitcode}", flush=True)


if __name__ == "__main__":
    main()
