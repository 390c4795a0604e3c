"""Solution to exercise ch03-ex2: run a task in a child, and end it if it misses its deadline.

Watch for: ``join(timeout)`` returns either way, so ``run_with_deadline`` asks ``is_alive()``
and terminates a child that is still running. The quick task ends by itself (exit code 0);
the stuck one is terminated (exit code -15, on Windows too).
"""

import argparse
import multiprocessing as mp
import time


def quick():
    time.sleep(0.05)


def stuck():
    while True:
        time.sleep(0.01)


def run_with_deadline(ctx, target, seconds):
    """Run target() in a child; terminate it after `seconds`. Return (finished in time, exit code)."""
    p = ctx.Process(target=target)
    p.start()
    p.join(timeout=seconds)
    in_time = not p.is_alive()
    if not in_time:
        p.terminate()
        p.join(timeout=20)
    code = p.exitcode
    p.close()
    return in_time, code


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
    for target, seconds in ((quick, 20), (stuck, 0.3)):
        in_time, code = run_with_deadline(ctx, target, seconds)
        print(f"{target.__name__:<6} deadline {seconds:>4} s: finished in time={in_time}, exit code {code}", flush=True)


if __name__ == "__main__":
    main()
