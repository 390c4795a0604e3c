"""Measured: what heavy imports at the top of the main module add to every spawned child.

Watch for: a spawned child re-imports the main module (as ``__mp_main__``), so every import at
its top runs again in every child, before the child does any work. This script imports, at
module level, the modules named in the environment variable ``BENCH_IMPORTS``, which every
child inherits; the parent sets it before each row. Under spawn each row costs a bare child
plus the import. Run it under spawn (the default): under fork nothing is re-imported, and a
forkserver child inherits the server's environment, not the parent's latest one. Move heavy
imports into the functions that need them, or behind the main guard, and children that do
not need them stop paying.
Prints a table, then one line ``json: {...}`` with every measurement for plotting.
"""

import argparse
import importlib
import json
import multiprocessing as mp
import os
import statistics
import time

from machine import describe_machine  # machine.py, beside this script

# The imports under test. In a spawned child these lines run again, with the parent's choice.
for _name in filter(None, os.environ.get("BENCH_IMPORTS", "").split(",")):
    importlib.import_module(_name)


def noop():
    pass


def time_child(ctx):
    t0 = time.perf_counter()
    p = ctx.Process(target=noop)
    p.start()
    p.join(timeout=60)
    return time.perf_counter() - t0


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument("--quick", action="store_true", help="numpy only, 5 repeats: for the book and the tests")
    return parser.parse_args()


def main():
    args = parse_args()
    rows = ["", "numpy"] if args.quick else ["", "numpy", "matplotlib.pyplot", "numpy,matplotlib.pyplot"]
    repeats = 5 if args.quick else 10
    ctx = mp.get_context(args.start_method)
    results = {"machine": describe_machine(), "start_method": args.start_method, "seconds": {}}
    print(results["machine"])
    print(
        f"{'module-level imports':<28}{'median ms':>10}{'min ms':>9}{'max ms':>9}"
        f"   ({repeats} {args.start_method} children each)"
    )
    time_child(ctx)  # warm-up: the first child pays for cold disk caches
    for row in rows:
        os.environ["BENCH_IMPORTS"] = row  # the next children inherit it
        times = [time_child(ctx) for _ in range(repeats)]
        label = row.replace(",", " + ") or "(none)"
        results["seconds"][label] = times
        ms = [t * 1000 for t in times]
        print(f"{label:<28}{statistics.median(ms):>10.1f}{min(ms):>9.1f}{max(ms):>9.1f}", flush=True)
    print("json:", json.dumps(results))


if __name__ == "__main__":
    main()
