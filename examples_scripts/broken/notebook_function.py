"""BROKEN ON PURPOSE: what a notebook does to a function it defines, and what spawn makes of it.

Watch for: IPython (and so Jupyter) runs your cells in a fresh module called ``__main__``
that has no file. This script builds such a module and runs a "cell" in it, as IPython does.
A spawned child has no file to re-import, so its ``__main__`` is empty and it cannot find
``f``: each child prints ``AttributeError: Can't get attribute 'f' on <module '__main__'
(built-in)>`` on stderr. The parent sees ``BrokenProcessPool`` from ProcessPoolExecutor,
and nothing at all from Pool, which would wait forever: here ``get(timeout=...)`` bounds it,
once the Pool's worker has died (so its traceback is always complete). Under fork the child
is a copy of the parent, ``f`` included, and both work.
"""

import argparse
import multiprocessing as mp
import sys
import types
from multiprocessing.connection import wait

WAIT = 1  # seconds: the Pool's task is lost, so only a timeout ends the wait

CELL = """
def f(x):
    return x * x
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


def run_cell_like_ipython(source):
    """A new module named __main__, with no __file__, replaces the real one; the cell runs in it."""
    notebook = types.ModuleType("__main__")
    sys.modules["__main__"] = notebook
    exec(source, notebook.__dict__)
    return notebook


def main():
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = mp.get_context(parse_args().start_method)
    f = run_cell_like_ipython(CELL).f
    print(f"f lives in {sys.modules[f.__module__]!r}", flush=True)

    with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as executor:
        try:
            print("executor:", executor.submit(f, 3).result(timeout=20), flush=True)
        except BrokenProcessPool as exc:
            print(f"executor: BrokenProcessPool: {exc}", flush=True)

    pool = ctx.Pool(1)
    try:
        # a built-in function is found by name: this waits until the worker is up
        print("pool: abs(-3) =", pool.apply_async(abs, (-3,)).get(timeout=20), flush=True)
        (worker,) = mp.active_children()  # the pool's one worker
        result = pool.map_async(f, [3])
        for _ in range(400):  # until the result is in or the worker has died: 20 s at most
            if result.ready() or wait([worker.sentinel], timeout=0.05):
                break
        print("pool:", result.get(timeout=WAIT), flush=True)
    except mp.TimeoutError:
        print(f"pool: no result after {WAIT} s; map() would wait forever", flush=True)
    finally:
        pool.terminate()  # stops the worker that replaced the dead one
        pool.join()


if __name__ == "__main__":
    main()
