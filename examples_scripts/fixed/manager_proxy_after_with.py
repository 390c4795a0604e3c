"""The fix for a proxy used after ``with ctx.Manager()``: copy the data out inside the block.

Watch for: ``d.copy()`` asks the server for the whole dict, once, and returns a plain ``dict``
that belongs to this process. It survives the manager's shutdown at the end of the block; the
proxy ``d`` does not, so nothing after the block touches it.
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
    ctx = mp.get_context(parse_args().start_method)
    with ctx.Manager() as manager:
        d = manager.dict(answer=42)
        result = d.copy()  # a plain dict, made inside the block
    print("after the with block: result['answer'] =", result["answer"], f"({type(result).__name__})", flush=True)


if __name__ == "__main__":
    main()
