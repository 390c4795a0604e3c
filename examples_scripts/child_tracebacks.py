"""Where a child's traceback goes: Process, Pool and ProcessPoolExecutor side by side.

Watch for: with a ``Process`` the child prints the traceback on its own stderr and the parent
only sees ``exitcode == 1``. ``Pool.map`` and ``Future.result()`` re-raise the exception in
the parent, chained to the child's traceback as text: ``multiprocessing.pool.RemoteTraceback``
and ``concurrent.futures.process._RemoteTraceback``, then "The above exception was the direct
cause of the following exception". Everything below goes to stderr, in order. Then stdout
gets one line ``json: {...}``: what the parent got in each case, for chapter 12's figure.
"""

import argparse
import concurrent.futures
import json
import multiprocessing as mp
import sys
import traceback


def parse_number(text):
    return int(text)  # int("forty-two") raises ValueError, in the child


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


def say(text):
    print(text, file=sys.stderr, flush=True)


def remote(exc):
    """What the parent caught: the exception, the exception it was chained to, and the remote text's last line."""
    cause = exc.__cause__  # its text is the worker's traceback, between triple quotes
    last_line = str(cause).strip().splitlines()[-2]
    return {"raised": type(exc).__name__, "cause": type(cause).__name__, "last_line": last_line}


def main():
    method = parse_args().start_method
    ctx = mp.get_context(method)
    facts = {"start_method": method}

    say("=== 1. Process: the child prints its own traceback ===")
    p = ctx.Process(target=parse_number, args=("forty-two",))
    p.start()
    p.join(timeout=20)
    say(f"parent: nothing was raised here; exitcode = {p.exitcode}")
    facts["process"] = {"name": p.name, "pid": p.pid, "exitcode": p.exitcode}

    say("=== 2. Pool.map: re-raised in the parent ===")
    with ctx.Pool(2) as pool:
        try:
            pool.map_async(parse_number, ["1", "forty-two"]).get(timeout=20)
        except ValueError as exc:
            traceback.print_exc()  # the text an uncaught exception would print
            facts["pool"] = remote(exc)

    say("=== 3. ProcessPoolExecutor: re-raised by result() ===")
    with concurrent.futures.ProcessPoolExecutor(2, mp_context=ctx) as ex:
        future = ex.submit(parse_number, "forty-two")
        try:
            future.result(timeout=20)
        except ValueError as exc:
            traceback.print_exc()
            facts["executor"] = remote(exc)
    print("json:", json.dumps(facts), flush=True)


if __name__ == "__main__":
    main()
