"""BROKEN ON PURPOSE: the parent joins a child before it gets the child's large item.

Watch for: the child's function has returned, yet the process does not exit. Its queue's
feeder thread must first write all 4 MiB into the pipe, and the pipe is full because
nobody reads it: ``p.join()`` would wait forever. Here ``join(timeout=1)`` gives up and
``is_alive()`` is still True; draining the queue then lets the child exit.
The fixed version is ../fixed/queue_join_before_drain.py.
When ``join()`` has given up, the parent asks the OS how many bytes wait in the queue's pipe
(without reading them): the rest of the item is still in the child's feeder thread. The last
line, ``json: {...}``, has when each step happened (ms since ``start()``) for the chapter's figures.
"""

import argparse
import json
import multiprocessing as mp
import sys
import time

SIZE = 4 * 1024 * 1024  # 4 MiB: far more than a pipe holds
WAIT = 1  # seconds


def child(q, returned, times):
    times[0] = time.time()
    q.put(b"x" * SIZE)  # returns at once: a feeder thread writes to the pipe in the background
    times[1] = time.time()
    returned.set()


def bytes_in_pipe(q):
    """How many bytes wait in the queue's pipe, unread; None where the OS does not say.

    Only to measure: it peeks at the queue's private reader end, which your code never needs.
    """
    try:
        if sys.platform == "win32":
            import _winapi

            return _winapi.PeekNamedPipe(q._reader.fileno())[0]
        import array
        import fcntl
        import termios

        count = array.array("i", [0])
        fcntl.ioctl(q._reader.fileno(), termios.FIONREAD, count)
        return count[0]
    except (AttributeError, ImportError, OSError):
        return None


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
    q, returned, times = ctx.Queue(), ctx.Event(), ctx.Array("d", 2, lock=False)
    p = ctx.Process(target=child, args=(q, returned, times))
    t0 = time.time()
    p.start()
    print(f"child's function returned: {returned.wait(timeout=10)}", flush=True)
    joined = time.time()
    p.join(timeout=WAIT)  # the mistake: join before get
    gave_up = time.time()
    print(f"after join(timeout={WAIT}): is_alive() = {p.is_alive()}, exitcode = {p.exitcode}", flush=True)
    stuck = p.is_alive()
    waiting = bytes_in_pipe(q)
    if waiting is None:
        print("then: this OS does not say how many bytes wait in the pipe", flush=True)
    elif waiting < SIZE:
        print(
            f"then: {waiting} bytes wait in the pipe; the child's feeder thread holds the rest of the {SIZE} bytes",
            flush=True,
        )
    else:  # Windows under Wine counts the feeder thread's unfinished write as waiting in the pipe
        print(
            f"then: the pipe counts all {waiting} bytes as waiting; the feeder thread's write has not finished",
            flush=True,
        )
    data = q.get(timeout=10)  # draining the queue unblocks the feeder thread
    drained = time.time()
    p.join(timeout=10)
    ended = time.time()
    print(f"after get() of {len(data)} bytes: is_alive() = {p.is_alive()}, exitcode = {p.exitcode}", flush=True)

    def ms(t):  # milliseconds since start()
        return round((t - t0) * 1000, 1)

    record = {
        "start_method": ctx.get_start_method(),
        "size": SIZE,
        "in_pipe": waiting,
        "exitcode": p.exitcode,
        "ms": {
            "put() called": ms(times[0]),
            "put() returned": ms(times[1]),
            "join() called": ms(joined),
            "join() gave up": ms(gave_up),
            "get() returned": ms(drained),
            "child ended": ms(ended),
        },
    }
    print("json:", json.dumps(record), flush=True)
    sys.exit(1 if stuck else 0)


if __name__ == "__main__":
    main()
