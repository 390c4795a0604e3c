"""Measured: bytes per second through a Queue, a Pipe, a Manager dict and SharedMemory.

Watch for: each round moves one payload of bytes from the parent to a child, which replies
with a small number once it has the bytes. A Queue and a Pipe pickle the payload, push it
through an OS pipe and unpickle it: several copies. A Manager dict sends it to the manager's
server process and the child fetches it from there: twice the trip. SharedMemory copies it
once into a block that the child already maps, and only a short note travels (the child reads
one byte per 4 KiB page, so it really touches the memory). The floor is a plain copy inside
one process: no channel moves bytes faster than memory does. Small payloads are ruled by the
fixed cost of a message, large ones by the copies.
Prints a table, then one line ``json: {...}`` with every measurement for plotting.
"""

import argparse
import json
import multiprocessing as mp
import statistics
import time
from multiprocessing import shared_memory

from machine import describe_machine  # machine.py, beside this script

TIMEOUT = 60  # seconds
PAGE = 4096


def child(conn, inbox, outbox, shared, block_name):
    """Answer each request with the number of bytes received, until None."""
    block = shared_memory.SharedMemory(name=block_name)
    try:
        while (msg := conn.recv()) is not None:
            how, n = msg
            if how == "Queue":
                outbox.put(len(inbox.get(timeout=TIMEOUT)))
            elif how == "Pipe":
                conn.send(len(conn.recv()))
            elif how == "Manager dict":
                conn.send(len(shared["payload"]))
            else:  # SharedMemory: the bytes are already in the block
                view = block.buf[:n]
                conn.send(n if sum(view[::PAGE]) == 0 else -1)
                view.release()
    finally:
        block.close()


def one_round(how, payload, conn, inbox, outbox, shared, block, scratch):
    n = len(payload)
    if how == "copy in one process":  # into memory already mapped, like the shared block
        scratch[:n] = payload
        return n
    if how == "Queue":
        conn.send((how, n))
        inbox.put(payload)
        return outbox.get(timeout=TIMEOUT)
    if how == "Pipe":
        conn.send((how, n))
        conn.send(payload)
    else:  # put the bytes in place first, then tell the child
        if how == "Manager dict":
            shared["payload"] = payload
        else:
            block.buf[:n] = payload
        conn.send((how, n))
    if not conn.poll(TIMEOUT):
        raise TimeoutError(how)
    return conn.recv()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument("--quick", action="store_true", help="1 KiB to 16 MiB, 3 repeats: for the book and the tests")
    return parser.parse_args()


def main():
    args = parse_args()
    ctx = mp.get_context(args.start_method)
    sizes = [2**10, 2**15, 2**20, 2**24] if args.quick else [4**k * 2**10 for k in range(9)]  # up to 64 MiB
    repeats = 3 if args.quick else 9
    hows = ["copy in one process", "SharedMemory", "Pipe", "Queue", "Manager dict"]
    results = {
        "machine": describe_machine(),
        "start_method": args.start_method,
        "sizes": sizes,
        "repeats": repeats,
        "seconds": {how: [] for how in hows},
    }
    print(results["machine"])
    print(f"{'bytes':>10}" + "".join(f"{how:>21}" for how in hows) + "   (MB/s, median)")
    block = shared_memory.SharedMemory(create=True, size=max(sizes))
    here, there = ctx.Pipe()
    inbox, outbox = ctx.Queue(), ctx.Queue()
    try:
        with ctx.Manager() as manager:
            shared = manager.dict()
            worker = ctx.Process(target=child, args=(there, inbox, outbox, shared, block.name))
            worker.start()
            try:
                tools = (here, inbox, outbox, shared, block, memoryview(bytearray(max(sizes))))
                for size in sizes:
                    payload = bytes(size)
                    times = {how: [] for how in hows}
                    for how in hows:
                        one_round(how, payload, *tools)  # warm-up
                    for _ in range(repeats):  # take turns, so that a busy moment hits every channel alike
                        for how in hows:
                            t0 = time.perf_counter()
                            assert one_round(how, payload, *tools) == size, how
                            times[how].append(time.perf_counter() - t0)
                    row = []
                    for how in hows:
                        results["seconds"][how].append(times[how])
                        row.append(size / statistics.median(times[how]) / 1e6)
                    print(f"{size:>10}" + "".join(f"{x:>21.1f}" for x in row), flush=True)
            finally:
                here.send(None)
                worker.join(timeout=TIMEOUT)
    finally:
        block.close()
        block.unlink()
    print("json:", json.dumps(results))


if __name__ == "__main__":
    main()
