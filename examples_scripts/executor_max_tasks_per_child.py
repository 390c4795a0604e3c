"""max_tasks_per_child (Python 3.11+): retire each worker after n tasks and start a fresh one.

Watch for: with max_tasks_per_child=2, 4 tasks on 2 workers run in 4 different
worker processes, none running more than 2 tasks. With the fork start method the
constructor refuses with a ValueError (forking a new worker while the executor's threads
run could deadlock), so use spawn or forkserver.
"""
import argparse
import multiprocessing as mp
import os
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor


def worker_pid(_task):
    time.sleep(0.01)
    return os.getpid()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start-method", choices=mp.get_all_start_methods(), default="spawn",
                        help="how to start child processes (default: spawn, as on Windows)")
    return parser.parse_args()


def main():
    ctx = mp.get_context(parse_args().start_method)
    try:
        ex = ProcessPoolExecutor(max_workers=2, mp_context=ctx, max_tasks_per_child=1)
    except ValueError as exc:
        print(f"ValueError: {exc}", flush=True)
        return
    with ex:
        pids = list(ex.map(worker_pid, range(4), timeout=20))
    names = {}
    for pid in pids:
        names.setdefault(pid, f"W{len(names) + 1}")
    print(f"tasks ran in {' '.join(names[p] for p in pids)}", flush=True)
    print(f"{len(names)} different worker pids; most tasks in one worker: {max(Counter(pids).values())}",
          flush=True)


if __name__ == "__main__":
    main()
