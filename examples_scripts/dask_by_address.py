"""The same Dask code as dask_local.py, pointed at a scheduler and 2 workers started as commands.

Watch for: this script starts ``dask scheduler`` and two ``dask worker`` processes, exactly
as you would on other machines, then connects with ``Client(address)`` and calls the same
``use_cluster()``. Only the address changed. Each ``dask worker`` command is a "nanny"
process: the worker that runs the tasks is its child, restarted if it dies. The scheduler
and the workers must be able to import ``cpu_work`` (here: its folder on PYTHONPATH; on real
machines: install it there).
Everything is shut down at the end: gracefully first, then killed with its children.
"""

import argparse
import json
import multiprocessing as mp
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from dask.distributed import Client
from dask_local import use_cluster
from engines_benchmark import TIMEOUT, WORKERS, describe_machine

HERE = Path(__file__).resolve().parent


# joblib adds its own "loky" contexts to multiprocessing's list: offer only the standard ones
STANDARD_METHODS = [m for m in mp.get_all_start_methods() if m in ("fork", "spawn", "forkserver")]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=STANDARD_METHODS,
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument("--quick", action="store_true", help="2 timed batches: for the book build and the tests")
    return parser.parse_args()


def start(command, log, env, shown=None):
    """Start ``dask <command...>`` with this Python (no need for dask on PATH); output to ``log``."""
    print("$ dask", shown or " ".join(command), flush=True)
    return subprocess.Popen([sys.executable, "-m", "dask", *command], env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_for_file(path, proc, timeout):
    """The scheduler file's contents, once all of it is written: a part of a JSON object does not parse."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):  # not there yet, or not complete yet
            pass
        if proc.poll() is not None:
            break
        time.sleep(0.05)
    raise RuntimeError(f"the scheduler did not write {path.name} within {timeout} s")


def runs_under_a_nanny(client, commands):
    """True if every worker process descends from, and is not, one of the ``dask worker`` commands."""
    ours = {p.pid for p in commands}
    workers = client.run(os.getpid).values()  # each worker's process id
    return len(workers) == len(commands) and all(
        pid not in ours and ours & {parent.pid for parent in psutil.Process(pid).parents()} for pid in workers
    )


def stop(procs, timeout=20):
    """Wait for the processes to exit; kill what is left, children first (a worker's nanny has one)."""
    alive = [psutil.Process(p.pid) for p in procs if p.poll() is None]
    _, alive = psutil.wait_procs(alive, timeout=timeout)
    for p in alive:
        for child in p.children(recursive=True) + [p]:
            try:
                child.kill()
            except psutil.NoSuchProcess:
                pass
    for p in procs:
        p.wait(timeout=timeout)
    return len(alive)


def main():
    args = parse_args()
    repeats = 2 if args.quick else 10
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")])),
        "DASK_DISTRIBUTED__WORKER__MULTIPROCESSING_METHOD": args.start_method,
    }
    procs = []
    with tempfile.TemporaryDirectory() as tmp:
        scheduler_file = Path(tmp) / "scheduler.json"
        logs = [open(Path(tmp) / f"log{i}.txt", "w+", encoding="utf-8") for i in range(1 + WORKERS)]
        try:
            t0 = time.perf_counter()
            scheduler = ["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--scheduler-file"]
            procs.append(
                start(
                    [*scheduler, str(scheduler_file)],
                    logs[0],
                    env,
                    shown=" ".join([*scheduler, "<tmp>/scheduler.json"]),
                )
            )
            address = wait_for_file(scheduler_file, procs[0], TIMEOUT)["address"]
            print(f"the scheduler listens at {address}", flush=True)
            for log in logs[1:]:
                procs.append(
                    start(
                        [
                            "worker",
                            address,
                            "--host",
                            "127.0.0.1",
                            "--nworkers",
                            "1",
                            "--nthreads",
                            "1",
                            "--no-dashboard",
                        ],
                        log,
                        env,
                    )
                )
            with Client(address, timeout=TIMEOUT) as client:  # the one line that names the cluster
                client.wait_for_workers(WORKERS, timeout=TIMEOUT)
                started = time.perf_counter() - t0
                print(f"connected: Client({address!r}); cluster up in {started:.1f} s", flush=True)
                print(
                    "each worker runs in a child process of a `dask worker` command (its nanny):",
                    runs_under_a_nanny(client, procs[1:]),
                    flush=True,
                )
                times = use_cluster(client, repeats)
                client.shutdown()  # asks the scheduler and its workers to close
        finally:
            killed = stop(procs)
            for log in logs:
                log.close()
    print(f"scheduler and workers stopped ({killed} had to be killed)")
    print(
        "json:",
        json.dumps({"machine": describe_machine(), "engine": "Dask by address", "start": started, "seconds": times}),
    )


if __name__ == "__main__":
    main()
