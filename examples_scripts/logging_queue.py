"""Logging from pool workers to ONE file: QueueHandler in each worker, one QueueListener in the parent.

Watch for: only the parent's listener writes the file; workers put their records on a queue.
Every line carries the process name (``SpawnPoolWorker-1``, ...), so you can tell the workers
apart. The file lives in a temporary directory that the script creates and removes.
"""

import argparse
import logging
import logging.handlers
import multiprocessing as mp
import tempfile
import time
from pathlib import Path

FORMAT = "%(processName)-17s %(levelname)-7s %(message)s"


def send_logs_to(queue):
    """Send every record of this process to the queue (and nowhere else)."""
    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(queue)]  # under fork, drop inherited handlers
    root.setLevel(logging.INFO)


def init_worker(queue):
    """Pool initializer: runs once in each worker, before its first task."""
    send_logs_to(queue)
    logging.info("worker ready")


def square(x):
    time.sleep(0.05)  # stands in for work: while one worker sleeps, the other can take a task
    if x == 3:
        logging.warning("task %d: 3 is unlucky, squaring anyway", x)
    logging.info("task %d done", x)
    return x * x


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
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "run.log"
        file_handler = logging.FileHandler(path, encoding="utf-8")
        file_handler.setFormatter(logging.Formatter(FORMAT))
        queue = ctx.Queue()
        listener = logging.handlers.QueueListener(queue, file_handler)
        listener.start()
        send_logs_to(queue)  # the parent logs through the same queue
        logging.info("parent: starting 2 workers")
        try:
            pool = ctx.Pool(2, initializer=init_worker, initargs=(queue,))
            try:
                results = pool.map_async(square, range(6), chunksize=1).get(timeout=20)
            finally:
                pool.close()  # not terminate(): a killed worker loses the records it has not sent yet
                pool.join()
            logging.info("results: %s", results)
        finally:
            listener.stop()  # writes every record still on the queue, then returns
            file_handler.close()
            logging.getLogger().handlers.clear()
        print(f"--- {path.name}: the only file, written by the parent's listener ---")
        print(path.read_text(encoding="utf-8"), end="")
    print(f"temporary directory removed: {not Path(folder).exists()}")


if __name__ == "__main__":
    main()
