"""Per-worker set-up with ``initializer``: open an expensive resource once per worker, not per task.

Watch for: the set-up line prints once per worker (2), not once per task (8); every task in
a worker reuses that worker's resource. A spawned worker gets its arguments through
``initargs`` (pickled once per worker), never through a global set in ``main()``.
Only the parent prints: each worker reports its set-up through a queue it got in ``initargs``,
so two workers starting at once cannot run their lines together.
"""

import argparse
import multiprocessing as mp
import os

_resource = None  # one per worker process, created by init_worker


def init_worker(greeting, log):
    """Runs once in each worker, before its first task. Think: open a database connection."""
    global _resource
    _resource = {"greeting": greeting, "opened_in": os.getpid(), "uses": 0}
    log.put(f"set-up in a new worker: resource opened with {greeting!r}")  # the parent prints it


def task(x):
    _resource["uses"] += 1
    return _resource["opened_in"], _resource["uses"], f"{_resource['greeting']} {x}"


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
    log = ctx.Queue()  # a Queue reaches the workers when they are created: through initargs
    with ctx.Pool(2, initializer=init_worker, initargs=("hello", log)) as pool:
        results = pool.map_async(task, range(8), chunksize=1).get(timeout=20)
        for _ in range(2):  # one line from each worker's set-up, read before join()
            print(log.get(timeout=20), flush=True)
        pool.close()  # no more tasks: join() then lets every worker finish and exit
        pool.join()
    print("results:", [text for _, _, text in results], flush=True)
    uses = {}
    for pid, use, _ in results:
        uses.setdefault(pid, []).append(use)
    print(
        f"{len(results)} tasks shared {len(uses)} resource(s); each was reused: "
        f"{all(sorted(u) == list(range(1, len(u) + 1)) for u in uses.values())}",
        flush=True,
    )


if __name__ == "__main__":
    main()
