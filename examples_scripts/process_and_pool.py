"""A process, a Process and a Pool in five lines: start a child, wait for it, map over a pool.

Watch for: the child prints a pid other than the parent's: it is another process, with its own
memory and its own interpreter. ``exitcode`` 0 means the child's function
returned normally. ``map`` returns the results in the order of the inputs, whichever worker
computed them; ``map_async(...).get(timeout=20)`` does the same but waits at most 20 s.
"""

import argparse
import multiprocessing as mp
import os


def greet(name):
    print(f"child:  pid {os.getpid()}, hello {name}", flush=True)


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
    print(f"parent: pid {os.getpid()}", flush=True)
    child = ctx.Process(target=greet, args=("from the parent",))  # 1. describe the child
    child.start()  # 2. start it: greet() runs in another process
    child.join(timeout=20)  # 3. wait until it ends (at most 20 s)
    print(f"parent: child pid {child.pid}, exit code {child.exitcode}", flush=True)  # 4. 0: it returned
    with ctx.Pool(2) as pool:  # 5. two worker processes, and a map over them
        print(f"parent: squares {pool.map(square, range(6))}", flush=True)
        print(f"parent: squares {pool.map_async(square, range(6)).get(timeout=20)}, with a timeout", flush=True)


if __name__ == "__main__":
    main()
