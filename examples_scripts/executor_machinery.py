"""Inside a ProcessPoolExecutor: who moves each task and each result, and what a dead worker does.

Watch for: ``submit()`` returns at once. It files a work item in a dict of pending items, and
the executor's manager thread (a thread in the parent, started by the first ``submit()``)
moves it to the call queue, which holds at most ``max_workers + 1`` calls. A worker takes it,
runs it, and puts the result on the result queue; the manager thread reads it and sets the
future, so a done-callback runs in that thread, not in the main thread. Then a task kills
its worker with ``os._exit(1)``: the manager thread sees the worker gone and breaks the
executor. The script prints what happened, then one line ``json: {...}`` for the chapter's
figure. The sizes of the dict and the queue are read from private attributes, for teaching
only: they may change in any Python release.
"""

import argparse
import json
import multiprocessing as mp
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

TIMEOUT = 20  # seconds
WORKERS, TASKS = 2, 4
_events = _gates = None  # in each worker: where its events go, and two gates (from the initializer)


def remember(events, gates):
    global _events, _gates
    _events, _gates = events, gates


def note(event, task):
    """Record an event in this worker: SimpleQueue.put writes at once, with no feeder thread."""
    _events.put({"who": mp.current_process().name, "pid": os.getpid(), "event": event, "task": task, "t": time.time()})


def task(n):
    _gates[0].wait(TIMEOUT)  # the parent opens it once every callback is in place
    note("start", n)
    time.sleep(0.1)
    note("end", n)
    return n * n


def die(n):
    _gates[1].wait(TIMEOUT)
    note("dies", n)
    os._exit(1)  # the process ends here, as if it crashed or was killed


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
    ctx = mp.get_context(method)
    events, gates = ctx.SimpleQueue(), (ctx.Event(), ctx.Event())
    parent = []  # events in the parent's threads

    def done(future, n):  # runs in whichever thread sets the future
        outcome = type(future.exception()).__name__ if future.exception() else f"result {future.result()}"
        parent.append({"who": threading.current_thread().name, "event": outcome, "task": n, "t": time.time()})

    ex = ProcessPoolExecutor(max_workers=WORKERS, mp_context=ctx, initializer=remember, initargs=(events, gates))
    with ex:
        futures = []
        for n in range(TASKS):
            futures.append(ex.submit(task, n))
            parent.append({"who": threading.current_thread().name, "event": "submit", "task": n, "t": time.time()})
            futures[-1].add_done_callback(lambda f, n=n: done(f, n))
        pending = len(ex._pending_work_items)  # private: the dict of work items not yet done
        queue_size = ex._call_queue._maxsize  # private: the call queue's capacity
        # the manager thread, started by the first submit() (a feeder thread may come later)
        (manager,) = [t.name for t in threading.enumerate() if type(t).__name__ == "_ExecutorManagerThread"]
        gates[0].set()  # every callback is in place: let the tasks run
        results = [f.result(timeout=TIMEOUT) for f in futures]
        doomed = ex.submit(die, TASKS)
        parent.append({"who": threading.current_thread().name, "event": "submit", "task": TASKS, "t": time.time()})
        doomed.add_done_callback(lambda f: done(f, TASKS))
        gates[1].set()
        try:
            doomed.result(timeout=TIMEOUT)
        except BrokenProcessPool as error:
            broke = f"{type(error).__name__}: {error}"
        try:
            ex.submit(task, TASKS + 1)
        except BrokenProcessPool as error:
            refused = f"{type(error).__name__}: {error}"
            parent.append(
                {"who": threading.current_thread().name, "event": "submit refused", "task": TASKS + 1, "t": time.time()}
            )
    workers = []
    while not events.empty():
        workers.append(events.get())
    workers.sort(key=lambda e: e["t"])
    print(f"max_workers={WORKERS}; the call queue holds {queue_size} calls (max_workers + 1)")
    print(f"right after {TASKS} submit() calls: {pending} work items pending")
    print(f"results: {results}")
    print(f"the executor's manager thread in the parent: {manager!r}")
    ran = {}
    for e in workers:
        if e["event"] in ("start", "dies"):
            ran.setdefault(f"{e['who']} (pid {e['pid']})", []).append(e["task"])
    for who, tasks in sorted(ran.items()):
        print(f"{who} ran tasks {tasks}")
    callbacks = sorted({e["who"] for e in parent if e["event"] not in ("submit", "submit refused")})
    print(f"done-callbacks ran in: {callbacks}")
    print(f"task {TASKS} killed its worker; its future raised {broke}")
    print(f"a later submit() raised {refused}")
    data = {
        "start_method": method,
        "max_workers": WORKERS,
        "call_queue_size": queue_size,
        "pending_after_submit": pending,
        "manager_thread": manager,
        "events": sorted(parent + workers, key=lambda e: e["t"]),
    }
    print("json:", json.dumps(data))


if __name__ == "__main__":
    main()
