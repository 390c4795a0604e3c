"""Solution to exercise ch12-ex1: a worker's exception, with its traceback, in the one log file.

Watch for: the worker logs the exception with ``logging.exception`` (level ERROR, traceback
included) and re-raises it, so the log file names the worker and the input, and the parent
still gets the exception from ``get()``. The pool ends with ``close()`` and ``join()``: the
result can reach the parent before the log record does, and ``terminate()`` would lose it.
"""

import argparse
import logging
import logging.handlers
import multiprocessing as mp
import tempfile
from pathlib import Path


def send_logs_to(queue):
    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(queue)]
    root.setLevel(logging.INFO)


def parse_number(text):
    try:
        return int(text)
    except ValueError:
        logging.exception("could not parse %r", text)  # ERROR, with the traceback
        raise


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
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(processName)s %(levelname)s %(message)s"))
        queue = ctx.Queue()
        listener = logging.handlers.QueueListener(queue, handler)
        listener.start()
        send_logs_to(queue)
        try:
            pool = ctx.Pool(1, initializer=send_logs_to, initargs=(queue,))
            try:
                pool.map_async(parse_number, ["7", "forty-two"]).get(timeout=20)
            except ValueError as e:
                logging.info("parent: the pool re-raised %s", type(e).__name__)
            finally:
                pool.close()  # not terminate(): the worker may not have sent its ERROR record yet
                pool.join()
        finally:
            listener.stop()
            handler.close()
            logging.getLogger().handlers.clear()
        print(path.read_text(encoding="utf-8"), end="")


if __name__ == "__main__":
    main()
