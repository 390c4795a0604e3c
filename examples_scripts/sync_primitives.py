"""Event, Semaphore, Barrier and RLock across processes, each doing one job.

Watch for: the workers wait until the parent sets the Event; never more than 2 workers are
inside the Semaphore at once; after the Barrier every worker sees all phase-1 results; an
RLock can be taken again by the process that holds it, a Lock cannot (it would wait forever,
so here it gives up after 0.2 s).
"""

import argparse
import multiprocessing as mp
import time

WORKERS, SLOTS = 4, 2


def worker(go, slots, inside, peak, phase1, barrier):
    go.wait(timeout=10)  # Event: wait for the parent's signal
    with slots:  # Semaphore(2): at most 2 workers in this block
        with inside.get_lock():
            inside.value += 1
            peak.value = max(peak.value, inside.value)
        time.sleep(0.05)  # pretend to use a scarce resource
        with inside.get_lock():
            inside.value -= 1
    with phase1.get_lock():
        phase1.value += 1  # phase 1 done
    barrier.wait(timeout=30)  # Barrier: nobody passes until all have arrived
    return phase1.value  # every worker now sees all of phase 1


def run_worker(index, results, *args):
    results[index] = worker(*args)


def take_twice(lock):
    """Acquire a lock, then try again from the same process (as a nested function call would)."""
    with lock:
        again = lock.acquire(timeout=0.2)
        if again:
            lock.release()
        return again


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
    go, slots, barrier = ctx.Event(), ctx.Semaphore(SLOTS), ctx.Barrier(WORKERS)
    inside, peak, phase1 = ctx.Value("i", 0), ctx.Value("i", 0), ctx.Value("i", 0)
    results = ctx.Array("i", WORKERS)
    workers = [
        ctx.Process(target=run_worker, args=(i, results, go, slots, inside, peak, phase1, barrier))
        for i in range(WORKERS)
    ]
    for w in workers:
        w.start()
    go.set()  # all are started: let them go together
    for w in workers:
        w.join(timeout=60)
    print(f"Semaphore({SLOTS}): at most {SLOTS} inside at once: {peak.value <= SLOTS} (peak {peak.value})", flush=True)
    print(f"after the Barrier each worker saw phase 1 done by: {list(results)} of {WORKERS}", flush=True)
    print("Lock taken twice by one process:", take_twice(ctx.Lock()), flush=True)
    print("RLock taken twice by one process:", take_twice(ctx.RLock()), flush=True)
    print("exit codes:", [w.exitcode for w in workers], flush=True)


if __name__ == "__main__":
    main()
