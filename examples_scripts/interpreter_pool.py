"""Python 3.14's InterpreterPoolExecutor, and whether this Python is a free-threaded build.

Watch for: each worker is a sub-interpreter *inside this process*, with its own GIL, so
CPU-bound calls run in parallel without starting a process; the function still travels
pickled (by reference: it must be importable). Before 3.14 the class does not exist. The
last lines say whether this build can run without the GIL (3.13+ "free-threaded" builds,
python3.13t / python3.14t) and whether the GIL is on now.
"""

import sys
import sysconfig
import time

from cpu_work import burn

TASKS, WORKERS, TIMEOUT = 8, 2, 60


def main():
    try:
        from concurrent.futures import InterpreterPoolExecutor
    except ImportError:
        print(f"InterpreterPoolExecutor needs Python 3.14; this is {sys.version.split()[0]}")
    else:
        t0 = time.perf_counter()
        expected = [burn(i) for i in range(TASKS)]
        one = time.perf_counter() - t0
        t0 = time.perf_counter()
        with InterpreterPoolExecutor(max_workers=WORKERS) as pool:
            results = list(pool.map(burn, range(TASKS), timeout=TIMEOUT))
        both = time.perf_counter() - t0
        print(f"InterpreterPoolExecutor({WORKERS}): same results as one interpreter: {results == expected}")
        print(
            f"{TASKS} calls: {one:.2f} s in one interpreter, {both:.2f} s on {WORKERS} sub-interpreters"
            " (start-up included)"
        )
    print(f"free-threaded build: {bool(sysconfig.get_config_var('Py_GIL_DISABLED'))}")
    if hasattr(sys, "_is_gil_enabled"):
        print(f"sys._is_gil_enabled(): {sys._is_gil_enabled()}")
    else:
        print("sys._is_gil_enabled() does not exist before Python 3.13")


if __name__ == "__main__":
    main()
