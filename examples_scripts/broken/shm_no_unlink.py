"""BROKEN ON PURPOSE: a SharedMemory block that its creator closes but never unlinks.

Watch for: on Linux and macOS the block outlives ``close()``: it still exists, by name,
until someone unlinks it. Here nobody does, so at shutdown multiprocessing's resource tracker
warns ("There appear to be 1 leaked shared_memory objects to clean up at shutdown") and
unlinks it for us. Windows has no resource tracker and no names that outlive their handles:
the block is gone as soon as the last process closes it, so the same code leaks nothing there.
"""

import argparse
import multiprocessing as mp
from multiprocessing import shared_memory


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
    parse_args()  # no child process here; the option is accepted like in every script
    block = shared_memory.SharedMemory(create=True, size=1024)
    block.buf[:5] = b"hello"
    print("created", block.name, flush=True)
    block.close()  # closed, but not unlinked
    try:
        again = shared_memory.SharedMemory(name=block.name)
    except FileNotFoundError:
        print("after close(): the block is gone", flush=True)
    else:
        print("after close(): the block still exists and holds", bytes(again.buf[:5]), flush=True)
        again.close()
    print("exiting without unlink()", flush=True)


if __name__ == "__main__":
    main()
