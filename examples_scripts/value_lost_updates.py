"""Lost updates: ``v.value += 1`` in several processes, without and with the Value's lock.

Watch for: ``+=`` on a shared Value is a read, then a write. Between the two, another process
can write, and its update is lost. Spelled out step by step with a Barrier between the read
and the write, every process reads 0 and writes 1: 3 increments, total 1, every time. Run as
one line in a loop, the race is left to chance: how many increments are lost depends on how
the OS schedules the workers, so it changes from run to run and can be zero. Inside
``with counter.get_lock():`` the total is exact, every time.
"""

import argparse
import multiprocessing as mp

WORKERS = 3
TIMES = 20_000  # increments per worker in the loops


def add_one_step_by_step(counter, between):
    """``counter.value += 1``, with a pause between its read and its write."""
    seen = counter.value  # read
    between.wait(timeout=30)  # every worker has read before any writes
    counter.value = seen + 1  # write


def add_without_lock(counter, times):
    for _ in range(times):
        counter.value += 1  # read, then write: not atomic


def add_with_lock(counter, times):
    for _ in range(times):
        with counter.get_lock():  # one process at a time from the read to the write
            counter.value += 1


def worker(stepped, between, unsafe, safe, start, times):
    add_one_step_by_step(stepped, between)
    start.wait(timeout=30)  # all workers begin each loop together, so the loops can overlap
    add_without_lock(unsafe, times)
    start.wait(timeout=30)
    add_with_lock(safe, times)


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
    stepped, unsafe, safe = ctx.Value("i", 0), ctx.Value("i", 0), ctx.Value("i", 0)
    between, start = ctx.Barrier(WORKERS), ctx.Barrier(WORKERS)
    workers = [ctx.Process(target=worker, args=(stepped, between, unsafe, safe, start, TIMES)) for _ in range(WORKERS)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=60)
    print(f"step by step, {WORKERS} x 1 increment:   total {stepped.value} of {WORKERS}", flush=True)
    lost = WORKERS * TIMES - unsafe.value
    print(
        f"without the lock, {WORKERS} x {TIMES}: total {unsafe.value} of {WORKERS * TIMES} ({lost} lost this run)",
        flush=True,
    )
    print(f"with get_lock(), {WORKERS} x {TIMES}:  total {safe.value} of {WORKERS * TIMES}", flush=True)
    print("exit codes:", [w.exitcode for w in workers], flush=True)


if __name__ == "__main__":
    main()
