"""BROKEN ON PURPOSE: calls ``multiprocessing.set_start_method()`` a second time.

Watch for: the second call raises "RuntimeError: context has already been set", as it does
when two modules (or a notebook cell run twice) each set the global start method. The
script catches it and shows both fixes: ``mp.get_context(method)``, which changes nothing
global and may be called any number of times, or ``set_start_method(method, force=True)``.
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


def main():
    method = parse_args().start_method
    mp.set_start_method(method)  # first call: fine
    print(f"first set_start_method({method!r}): ok", flush=True)
    try:
        mp.set_start_method(method)  # BUG: a second call, even with the same method
    except RuntimeError as e:
        print(f"second set_start_method({method!r}) raised RuntimeError: {e}", flush=True)
    ctx = mp.get_context(method)  # fix: a context object, no global state
    print(f"get_context({method!r}) works any number of times: {ctx.get_start_method()}", flush=True)


if __name__ == "__main__":
    main()
