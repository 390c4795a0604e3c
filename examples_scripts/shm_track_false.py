"""``SharedMemory(track=False)`` (Python 3.13+): a block that outlives its creator on purpose.

Watch for: a child creates a block with ``track=False`` and exits without unlinking it. On
Linux and macOS no resource tracker cleans up after it and no warning is printed: the block
is still there, and whoever attaches next must unlink it (the parent does). On Windows
``track`` has no effect: the block vanished with the child's last handle. Before 3.13 the
script only says that ``track`` does not exist yet.
"""

import argparse
import multiprocessing as mp
import sys
from multiprocessing import shared_memory


def create_untracked(names):
    block = shared_memory.SharedMemory(create=True, size=1024, track=False)
    block.buf[:5] = b"hello"
    names.put(block.name)
    block.close()  # no unlink: the caller asked for that


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
    if sys.version_info < (3, 13):
        print(f"Python {sys.version_info.major}.{sys.version_info.minor}: SharedMemory has no track= (3.13+)")
        return
    names = ctx.Queue()
    child = ctx.Process(target=create_untracked, args=(names,))
    child.start()
    name = names.get(timeout=20)
    child.join(timeout=20)
    print(f"the child created {name} with track=False and exited with code {child.exitcode}", flush=True)
    try:
        block = shared_memory.SharedMemory(name=name)
    except FileNotFoundError:
        print("the block died with the child's last handle: nothing to unlink", flush=True)
        return
    print("the block outlived the child and still holds", bytes(block.buf[:5]), flush=True)
    block.close()
    block.unlink()  # we took over the block: we free it
    print("the parent unlinked it", flush=True)


if __name__ == "__main__":
    main()
