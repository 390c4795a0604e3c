"""Value and Array, with and without their lock; workers fill their own slice of one Array.

Watch for: ``Value`` and ``Array`` come wrapped with a lock (``get_lock()``) unless you pass
``lock=False``, which gives the bare ctypes object. Workers that write disjoint slices need no
lock: each element has one writer. The parent sees every worker's writes in place, with
nothing sent back.
"""

import argparse
import multiprocessing as mp

WORKERS, PER_WORKER = 3, 4


def fill_slice(squares, index):
    """Write x*x into this worker's own slice only: no other process touches those elements."""
    start = index * PER_WORKER
    for i in range(start, start + PER_WORKER):
        squares[i] = i * i


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
    print("Value('i', 0):            ", ctx.Value("i", 0), flush=True)
    print("Value('i', 0, lock=False):", ctx.Value("i", 0, lock=False), flush=True)
    print("its lock:                 ", type(ctx.Value("i", 0).get_lock()).__name__, flush=True)
    print("has get_lock with lock=False:", hasattr(ctx.Value("i", 0, lock=False), "get_lock"), flush=True)
    squares = ctx.Array("q", WORKERS * PER_WORKER, lock=False)  # 64-bit ints, all 0
    workers = [ctx.Process(target=fill_slice, args=(squares, i)) for i in range(WORKERS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=20)
    print("filled in place by", WORKERS, "workers:", list(squares), flush=True)
    print("exit codes:", [w.exitcode for w in workers], flush=True)


if __name__ == "__main__":
    main()
