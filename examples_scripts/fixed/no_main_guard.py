"""The fix for both broken/ demos: everything that starts processes sits behind the main guard.

Watch for: the module-level line still runs again in every spawned child (that is how the
child finds ``greet`` and ``square``), but ``main()`` runs once, in the parent only.
``freeze_support()`` does nothing here; it matters only in a frozen Windows executable.
"""

import argparse
import multiprocessing as mp

# one write per line (print's text and its newline are two): lines of two pool workers cannot run together
print(f"module level: __name__ = {__name__!r}\n", end="", flush=True)


def greet():
    print("hello from the child", flush=True)


def square(x):
    return x * x


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
    child = ctx.Process(target=greet)
    child.start()
    child.join(timeout=20)
    print(f"child exit code {child.exitcode}", flush=True)
    with ctx.Pool(2) as pool:
        squares = pool.map_async(square, range(5)).get(timeout=20)
        print(f"squares: {squares}", flush=True)
        pool.close()  # no more tasks; join() waits until every worker has exited
        pool.join()


if __name__ == "__main__":
    mp.freeze_support()
    main()
