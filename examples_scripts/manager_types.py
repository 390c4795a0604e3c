"""Five shared objects from one Manager: dict, list, Namespace, Lock and Queue, used by 3 processes.

Watch for: the parent holds proxies, not the objects. Each proxy is pickled into a spawned
child as an address and a name, so every child talks to the same dict, list, namespace, lock
and queue, which live in the manager's own server process. The parent prints what the
children left there once they have all finished.
"""

import argparse
import multiprocessing as mp

TIMEOUT = 10  # seconds


def worker(i, d, lst, ns, lock, q):
    d[f"worker {i}"] = i * i  # each child its own key: no race
    lst.append(i)  # one round trip: the append runs in the server
    with lock:  # read-modify-write: needs the lock (see manager_lost_update.py)
        ns.total = ns.total + i
    q.put(f"worker {i} done")


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
        d, lst, ns = manager.dict(), manager.list(), manager.Namespace()
        lock, q = manager.Lock(), manager.Queue()
        ns.total = 0
        print(
            "the parent holds proxies:",
            type(d).__name__,
            type(lst).__name__,
            type(ns).__name__,
            type(lock).__name__,
            type(q).__name__,
            flush=True,
        )
        children = [ctx.Process(target=worker, args=(i, d, lst, ns, lock, q)) for i in range(1, 4)]
        for p in children:
            p.start()
        messages = sorted(q.get(timeout=TIMEOUT) for _ in children)
        for p in children:
            p.join(timeout=TIMEOUT)
        print("queue:", messages, flush=True)
        print("dict: ", dict(sorted(d.items())), flush=True)  # d.copy() would do too
        print("list: ", sorted(lst), flush=True)  # list(lst): a local copy
        print("ns.total:", ns.total, flush=True)
        print("exit codes:", [p.exitcode for p in children], flush=True)


if __name__ == "__main__":
    main()
