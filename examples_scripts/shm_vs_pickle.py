"""Measured: handing a large NumPy array to a worker, pickled through a Pipe or in shared memory.

Watch for: pickling copies every byte (into the pickle, through the pipe, out again), so its
time grows with the array. With shared memory only the block's name travels: the worker maps
the same bytes, and what still grows with the size is reaching each page once. Copying the
array into a new block first adds one memory copy. The worker reads one number per 4 KiB
page either way. The times are this machine's, on this run. Prints a table, then one line
``json: {...}`` for plotting.
"""

import argparse
import json
import multiprocessing as mp
import statistics
import time
from multiprocessing import shared_memory

import numpy as np
from machine import describe_machine  # machine.py, beside this script


def touch(a):
    return float(a[::512].sum())  # 512 float64 = 4096 bytes: one read per page


def worker(conn):
    """Serve requests until None: an array itself, or the name of a block that holds one."""
    while (msg := conn.recv()) is not None:
        kind, payload, n = msg
        if kind == "array":
            conn.send(touch(payload))
        else:
            block = shared_memory.SharedMemory(name=payload)
            a = np.ndarray((n,), dtype=np.float64, buffer=block.buf)
            conn.send(touch(a))
            del a
            block.close()


def pickled(conn, arr, _block):
    conn.send(("array", arr, arr.size))
    return conn.recv()


def shared(conn, arr, block):
    conn.send(("shm", block.name, arr.size))
    return conn.recv()


def copied_then_shared(conn, arr, _block):
    block = shared_memory.SharedMemory(create=True, size=arr.nbytes)
    try:
        np.ndarray(arr.shape, dtype=arr.dtype, buffer=block.buf)[:] = arr
        conn.send(("shm", block.name, arr.size))
        return conn.recv()
    finally:
        block.close()
        block.unlink()


HOW = {
    "pickled through a Pipe": pickled,
    "shared memory, array already in it": shared,
    "shared memory, copied in first": copied_then_shared,
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument("--quick", action="store_true", help="1 to 64 MB, 3 repeats: for the book and the tests")
    return parser.parse_args()


def main():
    args = parse_args()
    sizes_mb = [1, 4, 16, 64] if args.quick else [1, 4, 16, 64, 256]
    repeats = 3 if args.quick else 11
    ctx = mp.get_context(args.start_method)
    here, there = ctx.Pipe()
    child = ctx.Process(target=worker, args=(there,))
    child.start()
    there.close()
    results = {
        "machine": describe_machine(),
        "start_method": args.start_method,
        "sizes_mb": sizes_mb,
        "repeats": repeats,
        "seconds": {label: [] for label in HOW},
    }
    print(results["machine"])
    print(f"{'MB':>5}  " + "".join(f"{label:>36}" for label in HOW) + "   (median ms)")
    try:
        for mb in sizes_mb:
            arr = np.ones(mb * 2**20 // 8)
            block = shared_memory.SharedMemory(create=True, size=arr.nbytes)
            try:
                np.ndarray(arr.shape, dtype=arr.dtype, buffer=block.buf)[:] = arr
                row = []
                for label, how in HOW.items():
                    if mb == sizes_mb[0]:
                        how(here, arr, block)  # warm-up: first use of each code path
                    times = []
                    for _ in range(repeats):
                        t0 = time.perf_counter()
                        answer = how(here, arr, block)
                        times.append(time.perf_counter() - t0)
                        assert answer == arr.size / 512, answer  # the worker really read the array
                    results["seconds"][label].append(times)
                    row.append(statistics.median(times) * 1000)
            finally:
                block.close()
                block.unlink()
            print(f"{mb:>5}  " + "".join(f"{ms:>36.2f}" for ms in row), flush=True)
    finally:
        here.send(None)
        child.join(timeout=20)
    print("json:", json.dumps(results))


if __name__ == "__main__":
    main()
