"""The blog post's first example, corrected: five workers, no 2-second sleep, output in order.

Watch for: the five children run at the same time and finish in any order, yet the output
is always the same, because each child sends its line back and the parent prints them
sorted, after collecting all five. Every wait has a timeout, and the exit codes are checked.
"""

import argparse
import multiprocessing as mp
import time


def worker(name, results):
    time.sleep(0.05)  # stands in for real work
    results.put((name, f"Worker {name} done in {mp.current_process().name}"))


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
    results = ctx.Queue()
    processes = [ctx.Process(target=worker, args=(i, results)) for i in range(5)]
    for p in processes:
        p.start()
    lines = sorted(results.get(timeout=20) for _ in processes)  # collect first, then join
    for p in processes:
        p.join(timeout=20)
    for _, line in lines:
        print(line, flush=True)
    print("exit codes:", [p.exitcode for p in processes], flush=True)


if __name__ == "__main__":
    main()
