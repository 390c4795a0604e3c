"""How InterpreterPoolExecutor (Python 3.14) sends a function from your main script: as code, or by running it again.

Watch for: ``plain`` uses no global, so it travels as its code: no worker imports anything, and
it works even from a notebook or a script fed on standard input. ``uses_global`` reads the
module's ``FACTOR``, so it is pickled by reference: the worker interpreter runs this script
again, under the name ``<fake __main__>`` (see the module-level line printed a second time), to
find it; that is why the main guard matters here too. Fed on standard input there is no file to
run again, and the task fails with ``NotShareableError``. Before 3.14 the class does not exist.
"""

import sys

FACTOR = 10
if sys.version_info >= (3, 14):
    from concurrent import interpreters

    print(f"module level runs as {__name__!r} in interpreter {interpreters.get_current().id}", flush=True)


def plain(x):
    return x * 2


def uses_global(x):
    return x * FACTOR


def main():
    try:
        from concurrent.futures import InterpreterPoolExecutor
    except ImportError:
        print(f"InterpreterPoolExecutor needs Python 3.14; this is {sys.version.split()[0]}")
        return
    for task in (plain, uses_global):
        with InterpreterPoolExecutor(max_workers=1) as pool:
            try:
                print(f"{task.__name__}(3) = {pool.submit(task, 3).result(timeout=60)}", flush=True)
            except Exception as e:  # the demo shows whatever the executor raises
                print(f"{task.__name__}(3) failed: {type(e).__module__}.{type(e).__qualname__}: {e}", flush=True)


if __name__ == "__main__":
    main()
