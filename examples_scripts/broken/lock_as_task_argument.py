"""BROKEN ON PURPOSE: a Lock passed to a Pool worker as a task argument.

Watch for: the task never reaches a worker. The pool pickles each task to send it through a
pipe, and a Lock refuses to be pickled outside process start-up: ``RuntimeError: Lock objects
should only be shared between processes through inheritance``, raised by ``get()`` in the
parent. The pool and its workers are fine; the fixed version is ../pool_lock_initializer.py.
"""

import argparse
import multiprocessing as mp


def add(lock, counter, times):
    for _ in range(times):
        with lock:
            counter.value += 1
    return times


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
    lock, counter = ctx.Lock(), ctx.Value("i", 0, lock=False)
    with ctx.Pool(2) as pool:
        print(pool.apply_async(add, (lock, counter, 1000)).get(timeout=20))  # raises RuntimeError


if __name__ == "__main__":
    main()
