"""The fix for an object that holds a lock and an open file: ``__getstate__``/``__setstate__``.

Watch for: ``__getstate__`` returns the object's state without the lock and the file (only
the file's path stays); ``__setstate__`` makes a new lock and reopens the file in the worker.
The bound method ``log.write`` then crosses to the pool. Each worker appends to the same file
through its own handle: 6 lines arrive. A copy arrives with every task (so it reopens the file
per task): fine for something cheap to reopen; for a costly resource use an initializer
(fixed/unpicklable_connection.py). The lock is a fresh one per copy, so it protects
nothing across processes (use a multiprocessing.Lock through ``initializer`` for that).
"""

import argparse
import multiprocessing as mp
import os
import tempfile
import threading


class Log:
    def __init__(self, path):
        self.path = path
        self.lock = threading.Lock()
        self.file = open(path, "a", encoding="utf-8")

    def write(self, line):
        with self.lock:
            self.file.write(f"{line}\n")
            self.file.flush()
        return len(line)

    def close(self):
        self.file.close()

    def __getstate__(self):
        state = self.__dict__.copy()
        del state["lock"], state["file"]  # cannot be pickled: keep the path, drop the rest
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self.lock = threading.Lock()  # a new lock, for this process only
        self.file = open(self.path, "a", encoding="utf-8")


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
    with tempfile.TemporaryDirectory() as folder:
        log = Log(os.path.join(folder, "log.txt"))
        print("pickled state:", sorted(log.__getstate__()), flush=True)
        with ctx.Pool(2) as pool:
            sizes = pool.map_async(log.write, [f"task {i}" for i in range(6)]).get(timeout=20)
            pool.close()
            pool.join()  # worker copies are gone, and their files closed, before we read
        log.close()
        with open(log.path, encoding="utf-8") as f:
            lines = sorted(f.read().splitlines())
    print("returned:", sizes, flush=True)
    print(f"{len(lines)} lines in the log:", lines, flush=True)


if __name__ == "__main__":
    main()
