"""``maxtasksperchild``: retire each worker after a few tasks and start a fresh one.

Watch for: without it, 8 tasks run in at most 2 worker processes (the pool's size); with
``maxtasksperchild=2`` the pids change: at least 4 different workers, none running more
than 2 tasks. Use it to return memory that a leaky library never gives back; under spawn
each replacement costs a fresh interpreter start.
"""
import argparse
import multiprocessing as mp
import os
import sys
import time
from collections import Counter


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
    for limit in (None, 2):
        with ctx.Pool(2, maxtasksperchild=limit) as pool:
            pids = pool.map_async(worker_pid, range(8), chunksize=1).get(timeout=20)
            pool.close()
            pool.join()
        names = {}
        for pid in pids:
            names.setdefault(pid, f"W{len(names) + 1}")
        print(f"maxtasksperchild={limit}: tasks ran in {' '.join(names[p] for p in pids)}", flush=True)
        print(f"  {len(names)} different worker pid(s); most tasks in one worker: "
              f"{max(Counter(pids).values())}", flush=True)


if __name__ == "__main__":
    main()
