"""Two fixes for a pool inside a pool: a ProcessPoolExecutor outside, or one flat pool.

Watch for: ProcessPoolExecutor's workers are not daemonic, so each may
start a Pool of its own: ``daemon=False`` below. Usually better is one flat pool over all
the small tasks: fewer processes, and the same sums.
"""

import argparse
import concurrent.futures
import multiprocessing as mp


def square(x):
    return x * x


def sum_of_squares(n, method):
    """Runs in an outer worker and starts an inner pool: allowed when that worker is not a daemon."""
    me = mp.current_process()
    with mp.get_context(method).Pool(2) as inner:
        total = sum(inner.map_async(square, range(n)).get(timeout=20))
    return f"sum_of_squares({n}) = {total:<3} in a worker with daemon={me.daemon}"


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

    print("fix 1: a ProcessPoolExecutor outside, a Pool inside each worker", flush=True)
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx) as outer:
        for line in outer.map(sum_of_squares, [3, 4], [method, method], timeout=30):
            print("  ", line, flush=True)

    print("fix 2: one flat Pool over every (n, x) pair, summed in the parent", flush=True)
    pairs = [(n, x) for n in (3, 4) for x in range(n)]
    with ctx.Pool(2) as pool:
        squares = pool.map_async(square, [x for _, x in pairs]).get(timeout=20)
    for n in (3, 4):
        total = sum(s for (m, _), s in zip(pairs, squares) if m == n)
        print(f"   sum_of_squares({n}) = {total}", flush=True)


if __name__ == "__main__":
    main()
