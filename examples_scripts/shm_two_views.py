"""One SharedMemory block seen by two processes: a write by one is read by the other.

Watch for: the parent creates a named block and views it as four int64 numbers; the child
attaches by name, maps the same bytes into its own memory (at an address of its own), reads
the parent's write and writes a number back; the parent reads it. Each process closes its
own mapping; the parent, which created the block, unlinks it, and after that nobody can
attach. The script prints each step in order, then one line ``json: {...}`` for the
chapter's figure.
"""

import argparse
import json
import multiprocessing as mp
import os
from multiprocessing import shared_memory

import numpy as np

TIMEOUT = 10  # seconds
N = 4  # int64 numbers in the block: 32 bytes


def child(name, report):
    steps = []
    block = shared_memory.SharedMemory(name=name)  # attach by name
    try:
        view = np.ndarray((N,), dtype=np.int64, buffer=block.buf)
        steps.append(("attach by name", f"view at {view.ctypes.data:#x}"))
        steps.append(("read a[0]", f"sees {view[0]}"))
        view[1] = 2
        steps.append(("write a[1] = 2", ""))
        del view  # drop the view before close()
    finally:
        block.close()
    steps.append(("close()", ""))
    report.put({"pid": os.getpid(), "steps": steps})


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
    method = parse_args().start_method
    ctx = mp.get_context(method)
    steps = []  # (process, step, detail), in the order they happened
    block = shared_memory.SharedMemory(create=True, size=N * 8)
    try:
        steps.append(("parent", "create", f"{block.name}, {block.size} bytes"))
        view = np.ndarray((N,), dtype=np.int64, buffer=block.buf)
        view[:] = 0
        view[0] = 1
        steps.append(("parent", "write a[0] = 1", f"view at {view.ctypes.data:#x}"))
        report = ctx.Queue()
        p = ctx.Process(target=child, args=(block.name, report))
        p.start()
        seen = report.get(timeout=TIMEOUT)  # the child has closed its mapping
        p.join(timeout=TIMEOUT)
        steps += [("child", step, detail) for step, detail in seen["steps"]]
        steps.append(("parent", "read a[1]", f"sees {view[1]}"))
        del view
        block.close()
        steps.append(("parent", "close()", ""))
    finally:
        block.unlink()  # the creator removes the name, once
    steps.append(("parent", "unlink()", "name removed"))
    try:
        shared_memory.SharedMemory(name=block.name).close()
        after = "the block is still there"
    except FileNotFoundError:
        after = "attaching by name now raises FileNotFoundError"
    pids = {"parent": os.getpid(), "child": seen["pid"]}
    print(f"block {block.name}: {block.size} bytes (asked for {N * 8})")
    for number, (who, step, detail) in enumerate(steps, start=1):
        print(f"{number}. {who:<6} (pid {pids[who]}): {step:<15} {detail}".rstrip())
    print(f"after unlink(): {after}")
    print(f"child exit code: {p.exitcode}")
    data = {"start_method": method, "name": block.name, "size": block.size, "pids": pids, "steps": steps}
    print("json:", json.dumps(data))


if __name__ == "__main__":
    main()
