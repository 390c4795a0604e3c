"""Which start method an executor uses: the platform's default unless you pass mp_context.

Watch for: without mp_context the worker's name shows the default start method of this
OS and Python version (ForkProcess on Linux up to 3.13, ForkServerProcess on Linux since
3.14, SpawnProcess on macOS and Windows); with mp_context=mp.get_context(method) it is
the method you chose, everywhere.
"""
import argparse
import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor


def worker_name():
    return mp.current_process().name


def parse_args():
    methods = mp.get_all_start_methods()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--start-method", default="spawn", help=f"one of {methods} (default: spawn)")
    args = parser.parse_args()
    if args.start_method not in methods:
        sys.exit(f"error: start method {args.start_method!r} is not available here; choose from {methods}")
    return args


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
