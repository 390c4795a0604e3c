"""Solution to exercise ch08-ex2: a worker fails mid-task, and still nothing leaks.

Watch for: worker 1 raises after attaching. Its ``finally`` closes its mapping; the others
finish their slices; the parent's ``finally`` closes and unlinks the block whatever the
workers did. No resource tracker warning, and the name is gone when the script ends.
"""

import argparse
import multiprocessing as mp
from multiprocessing import shared_memory

import numpy as np

WORKERS, N = 3, 6


def square_slice(name, index):
    block = shared_memory.SharedMemory(name=name)
    try:
        data = np.ndarray((N,), dtype=np.int64, buffer=block.buf)
        if index == 1:
            raise ValueError("worker 1 fails on purpose")
        part = slice(index * N // WORKERS, (index + 1) * N // WORKERS)
        data[part] **= 2
        del data
    finally:
        block.close()


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
    block = shared_memory.SharedMemory(create=True, size=N * 8)
    try:
        data = np.ndarray((N,), dtype=np.int64, buffer=block.buf)
        data[:] = np.arange(N)
        workers = [ctx.Process(target=square_slice, args=(block.name, i)) for i in range(WORKERS)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(timeout=20)
        print("exit codes:", [w.exitcode for w in workers], flush=True)
        print("result:", data.tolist(), flush=True)
        del data
    finally:
        block.close()
        block.unlink()
    print("block name:", block.name, flush=True)


if __name__ == "__main__":
    main()
