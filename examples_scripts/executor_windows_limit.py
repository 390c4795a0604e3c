"""The Windows limit on max_workers: 61 processes at most per ProcessPoolExecutor.

Watch for: on Windows ProcessPoolExecutor(max_workers=62) raises ValueError, because the
executor waits on its workers with WaitForMultipleObjects, which takes at most 64 handles,
and it needs a few for itself. Elsewhere the constructor accepts 62 and starts no process at
all (workers start when tasks arrive), so creating it and shutting it down costs nothing.
"""

import argparse
import multiprocessing as mp
import sys
from concurrent.futures import ProcessPoolExecutor, process


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
    print(
        f"platform {sys.platform}; the Windows limit, process._MAX_WINDOWS_WORKERS = "
        f"{getattr(process, '_MAX_WINDOWS_WORKERS', 'not defined')}",
        flush=True,
    )
    try:
        ex = ProcessPoolExecutor(max_workers=62, mp_context=ctx)
    except ValueError as exc:
        print(f"ProcessPoolExecutor(max_workers=62) raised ValueError: {exc}", flush=True)
        return
    print(f"ProcessPoolExecutor(max_workers=62) accepted; processes started: {len(mp.active_children())}", flush=True)
    ex.shutdown()


if __name__ == "__main__":
    main()
