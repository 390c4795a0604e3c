"""Solution to exercise ch02-ex3: at import time, only ``__name__`` tells the parent from a child.

Watch for: the module-level line runs in the parent and, under spawn, again in the child while
it re-imports this file. There ``mp.parent_process()`` is still ``None``, as in the parent: the
child learns its parent only when it starts running its target, in ``work()``. ``__name__`` is
``'__mp_main__'`` from the first line, so ``if __name__ == "__main__":`` is the test that works.
"""

import argparse
import multiprocessing as mp


def who(where):
    parent = mp.parent_process()
    return (
        f"{where:<13} __name__ = {__name__!r:<14} process = {mp.current_process().name:<19}"
        f" parent_process() = {parent.name if parent else None}"
    )


print(who("module level:"), flush=True)


def work():
    print(who("work():"), flush=True)


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
    child = mp.get_context(parse_args().start_method).Process(target=work)
    child.start()
    child.join(timeout=20)
    print(f"child exit code {child.exitcode}", flush=True)


if __name__ == "__main__":
    main()
