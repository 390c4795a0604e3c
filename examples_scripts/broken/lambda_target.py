"""BROKEN ON PURPOSE: fork-era code: a lambda as a Process target, with the default start method.

Watch for: it names no start method, as most code in the wild does. Where the default is
fork (Linux up to Python 3.13) it works: the child is a copy of the parent and nothing is
pickled. Under spawn (Windows, macOS) and forkserver (Linux since 3.14) ``start()`` must
pickle the target, and a lambda defined in a function has no importable name: ``start()``
raises (3.11: ``AttributeError: Can't pickle local object 'main.<locals>.<lambda>'``;
3.13 says "Can't get local object"; 3.14: ``PicklingError: Can't pickle local object <function
main.<locals>.<lambda> ...>``) and no child runs (on Windows a half-born child also dies).
``run_as_windows.py`` shows this on any OS. The fix: a module-level function (../fixed/no_main_guard.py).
"""

import multiprocessing as mp


def main():
    print(f"default start method: {mp.get_start_method()}", flush=True)
    child = mp.Process(target=lambda: print("hello from the child", flush=True))
    child.start()
    child.join(timeout=20)
    print(f"child exit code {child.exitcode}", flush=True)


if __name__ == "__main__":
    main()
