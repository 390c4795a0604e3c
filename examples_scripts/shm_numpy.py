"""A NumPy array in ``shared_memory.SharedMemory``, changed in place by several workers.

Watch for: the parent creates the block and views it as an array; each worker attaches by
name, views the same bytes, doubles its own slice, and calls ``close()``. Nothing is copied
and nothing is sent back, yet the parent sees every change. Every process closes; the creator
alone unlinks, once, in a ``finally`` so that even an error cannot leak the block.
"""

import argparse
import multiprocessing as mp
from multiprocessing import shared_memory

import numpy as np

WORKERS, N = 3, 12


def double_slice(name, index):
    block = shared_memory.SharedMemory(name=name)  # attach: no create, no copy
    try:
        data = np.ndarray((N,), dtype=np.int64, buffer=block.buf)
        part = slice(index * N // WORKERS, (index + 1) * N // WORKERS)
        data[part] *= 2  # writes straight into the block
        del data  # drop the view before close()
    finally:
        block.close()  # every process closes its own mapping


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
    block = shared_memory.SharedMemory(create=True, size=N * 8)  # 8 bytes per int64
    try:
        data = np.ndarray((N,), dtype=np.int64, buffer=block.buf)
        data[:] = np.arange(N)
        print("before:", data.tolist(), flush=True)
        workers = [ctx.Process(target=double_slice, args=(block.name, i)) for i in range(WORKERS)]
        for w in workers:
            w.start()
        for w in workers:
            w.join(timeout=20)
        print("after: ", data.tolist(), flush=True)
        print("exit codes:", [w.exitcode for w in workers], flush=True)
        del data  # a live view would make close() fail
    finally:
        block.close()
        block.unlink()  # the creator frees the name, once
    print("block name:", block.name, flush=True)


if __name__ == "__main__":
    main()
