"""Which start method an executor uses: the platform's default unless you pass mp_context.

Watch for: without mp_context the worker's name shows the default start method of this
OS and Python version (ForkProcess on Linux up to 3.13, ForkServerProcess on Linux since
3.14, SpawnProcess on macOS and Windows); with mp_context=mp.get_context(method) it is
the method you chose, everywhere.
"""

import argparse
import multiprocessing as mp
from concurrent.futures import ProcessPoolExecutor


def worker_name():
    return mp.current_process().name


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
    with ProcessPoolExecutor(max_workers=1) as ex:
        name = ex.submit(worker_name).result(timeout=20)
    print(f"no mp_context:      default method {mp.get_start_method()!r}, worker {name}", flush=True)
    with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context(method)) as ex:
        name = ex.submit(worker_name).result(timeout=20)
    print(f"mp_context={method!r}: worker {name}", flush=True)


if __name__ == "__main__":
    main()
