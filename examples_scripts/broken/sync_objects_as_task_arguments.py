"""BROKEN ON PURPOSE: every synchronised object as a Pool task argument, and the error each one gives.

Watch for: each refuses to be pickled for a task, and the RuntimeError names the refusing type,
which is not always the one you passed: an Event and a Barrier hold a Condition, a Value is a
"Synchronized" wrapper, a Value with lock=False is a bare ctypes number (c_int; c_long on Windows).
The fix is the same for all: pass them through the pool's initializer (../pool_lock_initializer.py).
"""

import argparse
import multiprocessing as mp


def identity(x):
    return x


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
    objects = {
        "Lock()": ctx.Lock(),
        "RLock()": ctx.RLock(),
        "Semaphore(2)": ctx.Semaphore(2),
        "BoundedSemaphore(2)": ctx.BoundedSemaphore(2),
        "Condition()": ctx.Condition(),
        "Event()": ctx.Event(),
        "Barrier(2)": ctx.Barrier(2),
        "Value('i', 0)": ctx.Value("i", 0),
        "Array('i', 3)": ctx.Array("i", 3),
        "Value('i', 0, lock=False)": ctx.Value("i", 0, lock=False),
        "Queue()": ctx.Queue(),
    }
    with ctx.Pool(1) as pool:
        for name, obj in objects.items():
            try:
                pool.apply_async(identity, (obj,)).get(timeout=20)
            except Exception as e:
                print(f"{name}: {type(e).__name__}: {e}", flush=True)
            else:
                print(f"{name}: crossed", flush=True)


if __name__ == "__main__":
    main()
