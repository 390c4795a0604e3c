"""A large object sent with every task, against once per worker through ``initializer``.

Watch for: ``Table`` counts how often it is pickled (in the parent) and prints its pickled
size. Sent as a task argument, the 1 MB table is pickled once per task: 8 tasks, 8 copies,
about 8 MB through the pipes. Sent through ``initargs`` it is pickled once per worker under
spawn and forkserver (2 copies), and not at all under fork (the workers inherit it). The
results are the same either way.
"""

import argparse
import multiprocessing as mp
import pickle

_table = None  # this worker's copy, set by keep_table
TASKS, WORKERS = 8, 2


class Table:
    """1 MB of data that counts its own picklings (``__reduce__`` runs once per pickling)."""

    pickled = 0

    def __init__(self, data):
        self.data = data

    def __reduce__(self):
        Table.pickled += 1
        return Table, (self.data,)


def lookup_in(table, i):  # the table travels with every task
    return table.data[i * 1000]


def keep_table(table):  # the initializer: runs once per worker
    global _table
    _table = table


def lookup(i):  # the table is already in the worker
    return _table.data[i * 1000]


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
    table = Table(bytes(range(256)) * 4096)  # 1 MiB
    size = len(pickle.dumps(table)) / 2**20
    Table.pickled = 0
    print(f"one pickled table: {size:.2f} MiB; {TASKS} tasks, {WORKERS} workers", flush=True)

    with ctx.Pool(WORKERS) as pool:
        per_task = pool.starmap_async(lookup_in, [(table, i) for i in range(TASKS)], chunksize=1).get(timeout=30)
        pool.close()
        pool.join()
    print(f"per task:   pickled {Table.pickled} times, {Table.pickled * size:.2f} MiB sent", flush=True)

    Table.pickled = 0
    with ctx.Pool(WORKERS, initializer=keep_table, initargs=(table,)) as pool:
        per_worker = pool.map_async(lookup, range(TASKS), chunksize=1).get(timeout=30)
        pool.close()
        pool.join()
    print(f"per worker: pickled {Table.pickled} times, {Table.pickled * size:.2f} MiB sent", flush=True)
    print("same results:", per_task == per_worker, flush=True)


if __name__ == "__main__":
    main()
