"""Give Pool workers a Lock (and a shared Value) through ``initializer``, not as a task argument.

Watch for: each worker receives the lock and the counter once, when it starts, and keeps
them in module globals; every task then updates the counter under the lock, so the total is
exact. Passing the same lock as an argument of ``apply_async``/``map`` fails instead: see
broken/lock_as_task_argument.py.
"""

import argparse
import multiprocessing as mp

_lock = _counter = None  # set in each worker by init_worker


def init_worker(lock, counter):
    global _lock, _counter
    _lock, _counter = lock, counter


def add(times):
    for _ in range(times):
        with _lock:
            _counter.value += 1
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
    lock, counter = ctx.Lock(), ctx.Value("i", 0, lock=False)  # our own lock guards it
    with ctx.Pool(2, initializer=init_worker, initargs=(lock, counter)) as pool:
        done = sum(pool.map_async(add, [1000] * 8).get(timeout=20))
        pool.close()
        pool.join()
    print(f"8 tasks x 1000 increments under the lock: counter = {counter.value} of {done}", flush=True)


if __name__ == "__main__":
    main()
