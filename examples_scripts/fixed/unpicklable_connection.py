"""The fix for a database connection (or an open file): send its path, open it once per worker.

Watch for: the parent creates the database and sends only its *path* (a string) through
``initargs``; ``open_db`` runs once in each worker and keeps that worker's own connection in a
module global; each task sends only a key (a row id). Two workers open two connections for
six tasks, and every task finds its row.
"""

import argparse
import multiprocessing as mp
import os
import sqlite3
import tempfile

_db = None  # this worker's own connection, opened by open_db


def open_db(path):
    global _db
    _db = sqlite3.connect(path)
    print("worker: opened its own connection", flush=True)


def lookup(key):
    (name,) = _db.execute("SELECT name FROM fruit WHERE id = ?", (key,)).fetchone()
    return name


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
        path = os.path.join(folder, "fruit.db")
        db = sqlite3.connect(path)
        with db:  # commits
            db.execute("CREATE TABLE fruit (id INTEGER PRIMARY KEY, name TEXT)")
            db.executemany(
                "INSERT INTO fruit VALUES (?, ?)", enumerate(["apple", "banana", "cherry", "date", "elder", "fig"])
            )
        db.close()
        with ctx.Pool(2, initializer=open_db, initargs=(path,)) as pool:
            names = pool.map_async(lookup, range(6), chunksize=1).get(timeout=20)
            pool.close()
            pool.join()  # workers exit and close their connections before the folder goes
        print("rows:", names, flush=True)


if __name__ == "__main__":
    main()
