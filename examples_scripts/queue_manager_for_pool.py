"""A Manager().Queue() proxy can be passed to Pool workers as a task argument.

Watch for: the proxy pickles as an address and a token, so every task can carry it; each
``put()`` and ``get()`` is a round trip to the manager's server process (slower than a
plain Queue, which chapter 14 measures).
"""

import argparse
import multiprocessing as mp

TIMEOUT = 10  # seconds


def record(q, x):
    q.put(x * x)


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
    with ctx.Manager() as manager:
        q = manager.Queue()
        print("queue type:", type(q).__name__, flush=True)
        with ctx.Pool(2) as pool:
            pool.starmap_async(record, [(q, x) for x in range(5)]).get(timeout=TIMEOUT)
            pool.close()
            pool.join()
        print("results:", sorted(q.get(timeout=TIMEOUT) for _ in range(5)), flush=True)


if __name__ == "__main__":
    main()
