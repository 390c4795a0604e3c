"""BROKEN ON PURPOSE: uses a manager's proxy after the ``with ctx.Manager()`` block has ended.

Watch for: leaving the block calls ``manager.shutdown()``, which stops the server process
that held the dict. The proxy is still a Python object in the parent, and it still holds the
connection it opened for its first call, but nobody is at the other end any more: the next
call raises BrokenPipeError at once ("[Errno 32] Broken pipe" on Linux, "[WinError 232]"
on Windows). Nothing waits.
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
        print("inside the with block: d['answer'] =", d["answer"], flush=True)
    print("after the with block: d['answer'] =", d["answer"], flush=True)


if __name__ == "__main__":
    main()
