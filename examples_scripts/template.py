"""A multiprocessing template that works everywhere: copy this file and replace the work.

Watch for: every lesson of the book at once. Workers live at module level; main() runs behind
the guard; one explicit context; each worker opens its own database connection and gets its
own random stream in the pool's initializer; the parent shows a progress bar, writes every
worker's log records to one file, gives every wait a timeout, stops cleanly on Ctrl-C
(exit status 130) and exits with status 1 if any task failed. Needs numpy and tqdm.
"""

import argparse
import functools
import logging
import logging.handlers
import multiprocessing as mp
import signal
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

TASK_TIMEOUT = 30  # seconds: the longest we wait for any one result
LOG_FORMAT = "%(asctime)s %(processName)-18s %(levelname)-7s %(message)s"

# Per-worker state, set by init_worker() in each worker process (never sent with a task).
db = None  # this worker's own sqlite3 connection
rng = None  # this worker's own random stream
stream = None  # which stream: the worker's index
log = logging.getLogger("template")


def init_worker(db_path, log_queue, entropy, counter, first_draws):
    """Pool initializer: runs once in each worker, before its first task."""
    global db, rng, stream
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's business
    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(log_queue)]  # drop handlers fork copied
    root.setLevel(logging.INFO)
    with counter.get_lock():  # a unique index per worker: 0, 1, 2, ...
        stream = counter.value
        counter.value += 1
    # the same stream as SeedSequence(entropy).spawn(n)[stream]: independent of the others
    rng = np.random.default_rng(np.random.SeedSequence(entropy, spawn_key=(stream,)))
    first_draws[stream] = rng.random()  # the parent compares them: the streams must differ
    db = sqlite3.connect(db_path, timeout=TASK_TIMEOUT)  # a connection cannot be pickled
    log.info("worker ready: random stream %d", stream)


def estimate_pi(task, fail_task):
    """The work: read this task's size from the database, estimate pi with random points."""
    (points,) = db.execute("SELECT points FROM tasks WHERE id = ?", (task,)).fetchone()
    time.sleep(0.02)  # stands in for more work
    if task == fail_task:
        raise ValueError(f"task {task} failed on purpose (--fail-task)")
    xy = rng.random((points, 2))
    return 4 * np.mean((xy**2).sum(axis=1) <= 1)


def run_task(task, fail_task=None):
    """Run one task; report a failure as a value instead of raising, with its traceback logged."""
    try:
        value = estimate_pi(task, fail_task)
    except Exception as exc:
        log.exception("task %d failed", task)
        return task, None, f"{type(exc).__name__}: {exc}"
    log.info("task %d done: pi ~ %.4f", task, value)
    return task, value, None


def make_database(path, tasks):
    """The inputs: one row per task. Workers open their own connections to this file."""
    with sqlite3.connect(path) as con:
        con.execute("CREATE TABLE tasks (id INTEGER PRIMARY KEY, points INTEGER)")
        con.executemany("INSERT INTO tasks VALUES (?, ?)", [(t, 20_000 + 1000 * t) for t in tasks])
    con.close()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument("--tasks", type=int, default=16, help="number of tasks (default: 16)")
    parser.add_argument("--workers", type=int, default=2, help="pool size (default: 2; try os.cpu_count())")
    parser.add_argument("--seed", type=int, default=None, help="entropy for the random streams (default: fresh)")
    parser.add_argument("--fail-task", type=int, default=None, help="make this task raise, to see exit status 1")
    parser.add_argument("--log", type=Path, default=None, help="log file (default: in a temporary directory)")
    parser.add_argument(
        "--self-interrupt",
        action="store_true",
        help="press Ctrl-C after the first result (first waits for a line or the end of stdin)",
    )
    return parser.parse_args()


def run_pool(ctx, args, db_path, log_queue, entropy):
    """Run every task; return (results, failures). Ctrl-C stops the workers and re-raises."""
    results, failures = {}, {}
    counter = ctx.Value("i", 0)
    first_draws = ctx.Array("d", args.workers)  # one slot per worker, filled by init_worker
    pool = ctx.Pool(args.workers, initializer=init_worker, initargs=(db_path, log_queue, entropy, counter, first_draws))
    try:
        tasks = range(args.tasks)
        work = functools.partial(run_task, fail_task=args.fail_task)  # a partial of a module-level function pickles
        outcomes = pool.imap_unordered(work, tasks)
        with tqdm(total=len(tasks), ascii=True, file=sys.stderr, mininterval=0.5, ncols=72) as bar:
            print(f"work started: {args.tasks} tasks on {args.workers} workers, seed {entropy}", flush=True)
            if args.self_interrupt and sys.stdin:
                sys.stdin.readline()  # a test can look at the running processes until it sends a line
            for _ in tasks:
                task, value, error = outcomes.next(timeout=TASK_TIMEOUT)  # bounded wait
                if error is None:
                    results[task] = value
                else:
                    failures[task] = error
                bar.update()
                if args.self_interrupt:
                    signal.raise_signal(signal.SIGINT)  # what Ctrl-C in a terminal does to the parent
        pool.close()  # normal end: no more tasks, workers exit after their last one
    except BaseException:  # Ctrl-C (KeyboardInterrupt), a timeout, or a bug in this loop
        pool.terminate()  # stop the workers now
        raise
    finally:
        pool.join()  # every worker has run init_worker: all its first draws are in
    print(f"random streams: {args.workers} workers, {len(set(first_draws))} different first draws", flush=True)
    return results, failures


def main():
    args = parse_args()
    ctx = mp.get_context(args.start_method)  # explicit: the same on every OS
    entropy = args.seed if args.seed is not None else np.random.SeedSequence().entropy
    with tempfile.TemporaryDirectory() as folder, ctx.Manager() as manager:
        db_path = str(Path(folder) / "inputs.sqlite")
        make_database(db_path, range(args.tasks))
        log_path = args.log or Path(folder) / "template.log"
        file_handler = logging.FileHandler(log_path, mode="w", encoding="utf-8")
        file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
        log_queue = manager.Queue()  # a worker terminated mid-put cannot corrupt it
        listener = logging.handlers.QueueListener(log_queue, file_handler)
        listener.start()
        logging.getLogger().handlers[:] = [logging.handlers.QueueHandler(log_queue)]
        logging.getLogger().setLevel(logging.INFO)
        log.info("start: %d tasks, start method %s, seed %d", args.tasks, args.start_method, entropy)
        try:
            results, failures = run_pool(ctx, args, db_path, log_queue, entropy)
        except KeyboardInterrupt:
            print("interrupted: workers stopped", file=sys.stderr, flush=True)
            log.warning("interrupted by Ctrl-C")
            return 130  # the shell's code for "ended by Ctrl-C"
        except mp.TimeoutError:
            print(f"error: no result within {TASK_TIMEOUT} s; workers stopped", file=sys.stderr, flush=True)
            return 1
        finally:
            listener.stop()  # writes every record still on the queue
            logging.getLogger().handlers.clear()
            file_handler.close()
        log_lines = log_path.read_text(encoding="utf-8").splitlines()
    for task, error in sorted(failures.items()):
        print(f"task {task} failed: {error}", flush=True)
    if results:
        print(f"{len(results)} tasks done; mean estimate of pi: {np.mean(list(results.values())):.2f}", flush=True)
    print(f"log: {len(log_lines)} lines in {log_path.name}", flush=True)
    if failures:
        print(
            f"error: {len(failures)} of {args.tasks} tasks failed (the log has their tracebacks)",
            file=sys.stderr,
            flush=True,
        )
        return 1
    return 0


if __name__ == "__main__":
    mp.freeze_support()  # a no-op unless this script is frozen into an executable
    sys.exit(main())
