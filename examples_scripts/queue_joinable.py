"""JoinableQueue: the consumers call task_done(), the producer waits with join().

Watch for: ``tasks.join()`` returns once ``task_done()`` has been called for every item put,
so the parent knows all the work is done without counting results. ``join()`` takes no
timeout, so this script waits for it in a helper thread and bounds that wait instead.
One ``task_done()`` too many raises ValueError.
"""

import argparse
import multiprocessing as mp
import threading

N_WORKERS = 2
N_ITEMS = 6
TIMEOUT = 10  # seconds


def worker(tasks, results):
    while True:
        item = tasks.get(timeout=TIMEOUT)
        try:
            if item is None:
                return
            results.put(item * item)
        finally:
            tasks.task_done()  # exactly once per get(), the sentinel included


def join_queue(queue, timeout):
    """JoinableQueue.join() with a timeout: True if every task was marked done in time."""
    waiter = threading.Thread(target=queue.join, daemon=True)
    waiter.start()
    waiter.join(timeout)
    return not waiter.is_alive()


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
    tasks, results = ctx.JoinableQueue(), ctx.Queue()
    workers = [ctx.Process(target=worker, args=(tasks, results)) for _ in range(N_WORKERS)]
    for w in workers:
        w.start()
    for item in range(N_ITEMS):
        tasks.put(item)
    print(f"tasks.join() returned: {join_queue(tasks, TIMEOUT)}", flush=True)
    print("results:", sorted(results.get(timeout=TIMEOUT) for _ in range(N_ITEMS)), flush=True)
    for _ in workers:
        tasks.put(None)  # the work is done; now let the workers go
    for w in workers:
        w.join(timeout=TIMEOUT)
    print("exit codes:", [w.exitcode for w in workers], flush=True)
    try:
        tasks.task_done()  # every put() has had its task_done() already
    except ValueError as exc:
        print(f"one task_done() too many: ValueError: {exc}", flush=True)


if __name__ == "__main__":
    main()
