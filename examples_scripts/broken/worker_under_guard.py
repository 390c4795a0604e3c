"""BROKEN ON PURPOSE: the worker function is defined inside the ``if __name__ == "__main__":`` block.

Watch for: under spawn the child re-imports this file as ``__mp_main__``, skips the guarded
block, so ``work`` is never defined there, and unpickling the target fails in the child:
"AttributeError: Can't get attribute 'work' on <module '__mp_main__' from '...'>" (Python
3.14: "module '__mp_main__' has no attribute 'work'"). The child exits with code 1 and the
parent carries on. Under fork it works. The fix: define workers at module level, as
../fixed/no_main_guard.py does.
"""

import argparse
import multiprocessing as mp


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


if __name__ == "__main__":

    def work():  # BUG: a child never runs this block, so it never sees work
        print("hello from the child", flush=True)

    ctx = mp.get_context(parse_args().start_method)
    child = ctx.Process(target=work)
    child.start()
    child.join(timeout=20)
    print(f"parent: child exit code {child.exitcode}", flush=True)
