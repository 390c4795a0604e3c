"""How long does it take to start a child process? Measured per start method.

Watch for: spawn starts a fresh interpreter for every child and re-imports this file there;
``python -c pass``, timed the same way, shows what the interpreter start alone costs. fork
copies the running process instead; forkserver forks from a small server started once.
The numbers are this machine's, from this run; other programs running at the same time change them.
Prints a table, then one line ``json: {...}`` with every measurement for plotting.
"""

import argparse
import json
import multiprocessing as mp
import statistics
import subprocess
import sys
import time

from machine import describe_machine  # machine.py, beside this script


def noop():
    pass


def time_process(ctx):
    t0 = time.perf_counter()
    p = ctx.Process(target=noop)
    p.start()
    p.join(timeout=30)
    return time.perf_counter() - t0


def time_bare_interpreter(_ctx):
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], check=True, timeout=30)
    return time.perf_counter() - t0


def measure(timer, ctx, repeats):
    timer(ctx)  # warm-up: the first start pays for disk caches (and forkserver's server)
    return [timer(ctx) for _ in range(repeats)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20, help="timed starts per method (default 20)")
    parser.add_argument("--quick", action="store_true", help="5 repeats: for the book build and the tests")
    args = parser.parse_args()
    repeats = 5 if args.quick else args.repeats

    results = {"machine": describe_machine(), "seconds": {}}
    runs = [("python -c pass", time_bare_interpreter, None)]
    runs += [(m, time_process, mp.get_context(m)) for m in mp.get_all_start_methods()]
    print(results["machine"])
    print(f"{'how':<16}{'median ms':>10}{'min ms':>9}{'max ms':>9}   ({repeats} starts each)")
    for label, timer, ctx in runs:
        times = measure(timer, ctx, repeats)
        results["seconds"][label] = times
        ms = [t * 1000 for t in times]
        print(f"{label:<16}{statistics.median(ms):>10.1f}{min(ms):>9.1f}{max(ms):>9.1f}")
    print("json:", json.dumps(results))


if __name__ == "__main__":
    main()
