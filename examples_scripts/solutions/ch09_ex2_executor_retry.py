"""Solution to exercise ch09-ex2: survive a BrokenProcessPool by retrying the unfinished tasks on a new executor.

Watch for: the first attempt breaks when task 3's worker dies; the results that were already
done are kept, and only the tasks whose futures failed with BrokenProcessPool run again, on a
fresh executor. ``flaky`` dies only on attempt 1, as a crash caused by bad luck would.
"""

import argparse
import multiprocessing as mp
import os
from concurrent.futures import ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool


def flaky(x, attempt):
    if x == 3 and attempt == 1:
        os._exit(1)  # the worker dies, as if it crashed
    return x * x


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


def run_with_retry(ctx, items, attempts=3):
    results, todo = {}, list(items)
    for attempt in range(1, attempts + 1):
        with ProcessPoolExecutor(max_workers=2, mp_context=ctx) as ex:
            futures = {ex.submit(flaky, x, attempt): x for x in todo}
            wait(futures, timeout=20)
        todo = []
        for future, x in futures.items():
            try:
                results[x] = future.result(timeout=0)
            except BrokenProcessPool:
                todo.append(x)  # lost with the pool: try again
        print(f"attempt {attempt}: {len(results)} done, {len(todo)} to retry", flush=True)
        if not todo:
            return [results[x] for x in items]
    raise RuntimeError(f"still failing after {attempts} attempts: {todo}")


def main():
    ctx = mp.get_context(parse_args().start_method)
    print("results:", run_with_retry(ctx, range(8)), flush=True)


if __name__ == "__main__":
    main()
