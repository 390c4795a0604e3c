"""``maxtasksperchild``: retire each worker after a few tasks and start a fresh one.

Watch for: without it, 8 tasks run in at most 2 worker processes (the pool's size); with
``maxtasksperchild=2`` new workers keep appearing: at least 4 different workers, none running
more than 2 tasks. Use it to return memory that a leaky library never gives back; under spawn
each replacement costs a fresh interpreter start. Workers are told apart by their process
names (``SpawnPoolWorker-3``...), which a pool never reuses, not by their pids: the operating
system may give a new worker the pid of one that has exited.
"""

import argparse
import multiprocessing as mp
import time
from collections import Counter


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
    for limit in (None, 2):
        with ctx.Pool(2, maxtasksperchild=limit) as pool:
            workers = pool.map_async(worker_name, range(8), chunksize=1).get(timeout=20)
            pool.close()
            pool.join()
        short = {}  # W1, W2, ... in the order the workers first appear
        for name in workers:
            short.setdefault(name, f"W{len(short) + 1}")
        print(f"maxtasksperchild={limit}: tasks ran in {' '.join(short[w] for w in workers)}", flush=True)
        print(
            f"  {len(short)} different worker(s); most tasks in one worker: {max(Counter(workers).values())}",
            flush=True,
        )


if __name__ == "__main__":
    main()
