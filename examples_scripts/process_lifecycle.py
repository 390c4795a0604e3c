"""One child from start to finish: name, pid, is_alive, exitcode, parent_process, close.

Watch for: ``pid`` and ``exitcode`` are ``None`` until the child has started and ended;
the pid the parent sees is the child's own; ``parent_process()`` names the parent in the
child (and is ``None`` in the parent); ``close()`` refuses while the child runs, and after
it the object only raises ``ValueError``. Under forkserver ``os.getppid()`` is the server,
not your program.
"""

import argparse
import multiprocessing as mp
import os


def child(go):
    go.wait(timeout=20)  # hold still until the parent has looked at us
    me, parent = mp.current_process(), mp.parent_process()
    print(
        f"child:  I am {me.name!r}, pid {os.getpid()}; parent_process() is {parent.name!r}, pid {parent.pid}",
        flush=True,
    )
    print(f"child:  os.getppid() == parent_process().pid: {os.getppid() == parent.pid}", flush=True)


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
    print(
        f"parent: I am {mp.current_process().name!r}, pid {os.getpid()}; parent_process() is {mp.parent_process()}",
        flush=True,
    )
    go = ctx.Event()
    p = ctx.Process(target=child, args=(go,))
    print(f"before start: name={p.name!r} pid={p.pid} is_alive={p.is_alive()} exitcode={p.exitcode}", flush=True)
    p.start()
    print(f"after start:  pid={p.pid} is_alive={p.is_alive()} exitcode={p.exitcode}", flush=True)
    try:
        p.close()
    except ValueError as exc:
        print(f"close() while running -> ValueError: {exc}", flush=True)
    go.set()
    p.join(timeout=20)
    print(f"after join:   pid={p.pid} is_alive={p.is_alive()} exitcode={p.exitcode}", flush=True)
    p.close()  # frees the process's resources now instead of at garbage collection
    try:
        _ = p.exitcode  # anything that needs the child raises now
    except ValueError as exc:
        print(f"after close:  p.exitcode -> ValueError: {exc}", flush=True)


if __name__ == "__main__":
    main()
