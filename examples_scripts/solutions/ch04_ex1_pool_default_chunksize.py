"""Solution to exercise ch04-ex1: which chunksize does ``Pool.map`` pick by itself?

Watch for: with no chunksize, ``map`` splits the work into about 4 chunks per worker:
``chunksize, extra = divmod(len(tasks), 4 * workers)``, plus 1 if ``extra``. For 100 tasks on
2 workers that is 13, and every block of 13 consecutive tasks runs in one worker.
"""

import argparse
import multiprocessing as mp
import os


def worker_pid(_task):
    return os.getpid()


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
    tasks, workers = 100, 2
    chunksize, extra = divmod(tasks, 4 * workers)
    chunksize += bool(extra)
    print(f"predicted chunksize for {tasks} tasks on {workers} workers: {chunksize}", flush=True)
    with ctx.Pool(workers) as pool:
        pids = pool.map_async(worker_pid, range(tasks)).get(timeout=20)
    blocks = [pids[i : i + chunksize] for i in range(0, tasks, chunksize)]
    print(
        f"each of the {len(blocks)} blocks of {chunksize} tasks ran in one worker: "
        f"{all(len(set(b)) == 1 for b in blocks)}",
        flush=True,
    )


if __name__ == "__main__":
    main()
