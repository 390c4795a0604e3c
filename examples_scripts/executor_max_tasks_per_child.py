"""max_tasks_per_child (Python 3.11+): retire each worker after n tasks and start a fresh one.

Watch for: with max_tasks_per_child=1, 4 tasks on 2 workers run in 4 different worker
processes, one task each. The processes are told apart by name (SpawnProcess-1, ...): no
other process of this run gets the same name, while the OS may give a new process the pid
of one that has ended (Windows often does). With the fork start method the constructor
refuses with a ValueError (forking a new worker while the executor's threads run could
deadlock), so use spawn or forkserver.
"""

import argparse
import multiprocessing as mp
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor


def worker_name(_task):
    time.sleep(0.01)
    return mp.current_process().name


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
    try:
        ex = ProcessPoolExecutor(max_workers=2, mp_context=ctx, max_tasks_per_child=1)
    except ValueError as exc:
        print(f"ValueError: {exc}", flush=True)
        return
    with ex:
        ran_in = list(ex.map(worker_name, range(4), timeout=20))
    short = {}
    for name in ran_in:
        short.setdefault(name, f"W{len(short) + 1}")
    print(f"tasks ran in {' '.join(short[n] for n in ran_in)}", flush=True)
    print(
        f"{len(short)} different worker processes; most tasks in one worker: {max(Counter(ran_in).values())}",
        flush=True,
    )


if __name__ == "__main__":
    main()
