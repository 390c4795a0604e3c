"""One child from start to finish: name, pid, is_alive, exitcode, parent_process, close.

Watch for: ``pid`` and ``exitcode`` are ``None`` until the child has started and ended;
the pid the parent sees is the child's own; ``parent_process()`` names the parent in the
child (and is ``None`` in the parent); ``close()`` refuses while the child runs, and after
it the object only raises ``ValueError``. Under forkserver ``os.getppid()`` is the server,
not your program.
Last, one line ``json: {...}``: when each step happened in this run (milliseconds since the
``Process`` object was created), for the chapter's picture of a process's life. The parent
waits on ``p.sentinel``, a handle that becomes ready when the child ends, before ``join()``.
"""

import argparse
import json
import multiprocessing as mp
import os
import time
from multiprocessing.connection import wait


def child(go, times):
    times[0] = time.time()  # the target is running (seconds since the epoch: the same in every process)
    go.wait(timeout=20)  # hold still until the parent has looked at us
    me, parent = mp.current_process(), mp.parent_process()
    print(
        f"child:  I am {me.name!r}, pid {os.getpid()}; parent_process() is {parent.name!r}, pid {parent.pid}",
        flush=True,
    )
    print(f"child:  os.getppid() == parent_process().pid: {os.getppid() == parent.pid}", flush=True)
    times[1] = time.time()  # the target returns: the child then exits with code 0


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
    go, times = ctx.Event(), ctx.Array("d", 2, lock=False)  # the child writes its two times here
    t0 = time.time()
    p = ctx.Process(target=child, args=(go, times))
    events = [("parent", t0, "Process() created")]
    print(f"before start: name={p.name!r} pid={p.pid} is_alive={p.is_alive()} exitcode={p.exitcode}", flush=True)
    events.append(("parent", time.time(), "start() called"))
    p.start()
    events.append(("parent", time.time(), "start() returned"))
    print(f"after start:  pid={p.pid} is_alive={p.is_alive()} exitcode={p.exitcode}", flush=True)
    try:
        p.close()
    except ValueError as exc:
        print(f"close() while running -> ValueError: {exc}", flush=True)
    events.append(("parent", time.time(), "go.set(): child may finish"))
    go.set()
    ended = wait([p.sentinel], timeout=20)  # p.sentinel becomes ready when the child has ended
    events.append(("parent", time.time(), "sentinel ready" if ended else "sentinel: timed out"))
    p.join(timeout=20)
    events.append(("parent", time.time(), f"join() returned: exitcode {p.exitcode}"))
    events += [("child", times[0], "target running"), ("child", times[1], "target returns")]
    print(f"after join:   pid={p.pid} is_alive={p.is_alive()} exitcode={p.exitcode}", flush=True)
    child_pid = p.pid
    p.close()  # frees the process's resources now instead of at garbage collection
    try:
        _ = p.exitcode  # anything that needs the child raises now
    except ValueError as exc:
        print(f"after close:  p.exitcode -> ValueError: {exc}", flush=True)
    record = {
        "start_method": ctx.get_start_method(),
        "pids": {"parent": os.getpid(), "child": child_pid},
        "events": [{"lane": lane, "ms": round((t - t0) * 1000, 1), "what": what} for lane, t, what in events],
    }
    print("json:", json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
