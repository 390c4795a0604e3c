"""A Process has no return value: what the target returns is lost. Send it back instead.

Watch for: ``square(7)`` returns 49 in the child, but the parent only gets exit code 0.
Through a Queue the child puts the result, and the parent gets it (before joining, with a
timeout). A Pool returns values for you (chapter 4); Queues are chapter 5.
"""

import argparse
import multiprocessing as mp


def square(x):
    return x * x


def square_into(queue, x):
    queue.put((x, x * x))


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

    p = ctx.Process(target=square, args=(7,))
    p.start()
    p.join(timeout=20)
    print(f"Process(target=square, args=(7,)): exit code {p.exitcode}; the 49 is lost", flush=True)

    queue = ctx.Queue()
    p = ctx.Process(target=square_into, args=(queue, 7))
    p.start()
    x, result = queue.get(timeout=20)  # get, then join: a child exits only once what it put is flushed
    p.join(timeout=20)
    print(f"through a Queue: square({x}) = {result}; exit code {p.exitcode}", flush=True)

    with ctx.Pool(1) as pool:
        print(f"through a Pool:  square(7) = {pool.apply_async(square, (7,)).get(timeout=20)}", flush=True)


if __name__ == "__main__":
    main()
