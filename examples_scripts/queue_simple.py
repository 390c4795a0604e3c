"""SimpleQueue: a pipe and a lock, no feeder thread, no timeout.

Watch for: ``put()`` writes straight into the pipe (it blocks only if the pipe is full),
so nothing is left buffered when the child exits. ``get()`` takes no timeout, so this
script bounds its wait by polling ``empty()`` (safe here: the parent is the only reader).
"""

import argparse
import multiprocessing as mp
import time

TIMEOUT = 10  # seconds


def worker(tasks, results):
    for item in iter(tasks.get, None):  # get() until the sentinel None
        results.put(item * item)


def get_within(q, timeout):
    """SimpleQueue.get() has no timeout: wait until the queue is not empty, for at most timeout s."""
    deadline = time.monotonic() + timeout
    while q.empty():
        if time.monotonic() > deadline:
            raise TimeoutError(f"nothing arrived within {timeout} s")
        time.sleep(0.01)
    return q.get()


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
    tasks, results = ctx.SimpleQueue(), ctx.SimpleQueue()
    p = ctx.Process(target=worker, args=(tasks, results))
    p.start()
    for item in [*range(5), None]:  # the items, then the sentinel
        tasks.put(item)
    print("results:", [get_within(results, TIMEOUT) for _ in range(5)], flush=True)
    p.join(timeout=TIMEOUT)
    print("exit code:", p.exitcode, flush=True)
    tasks.close()
    results.close()


if __name__ == "__main__":
    main()
