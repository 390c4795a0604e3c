"""Where a spawned child's print goes when a notebook starts it: a real kernel, run as Jupyter runs it.

Watch for: this script plays the Jupyter server. It starts an IPython kernel as the server does
(jupyter_client's ``KernelManager``: ``python -m ipykernel_launcher -f <connection file>``), its
stdout and stderr going to a pipe this script reads, as the server's go to its console window.
It sends one "cell": the cell prints
a line (that reaches the notebook) and starts a child with the spawn context, which prints one
line on stdout and one on stderr. The kernel's ``__main__`` has no file. With
``--no-fd-capture`` the kernel runs as ipykernel always runs on Windows: the child's lines land
in the console and never reach the notebook. Without it, ipykernel on Linux and macOS
copies its process's own output (file descriptors 1 and 2) into the notebook too.
Prints what happened, then one line ``json: {...}`` with the pids, names and where each line
landed, for chapter 11's figure.
"""

import argparse
import json
import multiprocessing as mp
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from jupyter_client.manager import KernelManager

HERE = Path(__file__).resolve().parent
TIMEOUT = 60  # seconds: for the kernel to start, and for the cell to run
SHUTDOWN = 5  # seconds a kernel gets to exit when asked (jupyter_client's shutdown_wait_time)

CELL = """
import json, multiprocessing as mp, os, sys
sys.path.insert(0, {here!r})
from notebook_workers import print_both
import __main__
ctx = mp.get_context({method!r})
child = ctx.Process(target=print_both, args=("child: child-1",), name="child-1")
child.start()
child.join(timeout=20)
print("kernel: the cell's own print", flush=True)
print("facts:", json.dumps({{
    "kernel_pid": os.getpid(),
    "main_file": getattr(__main__, "__file__", None),
    "child_pid": child.pid,
    "child_name": child.name,
    "child_exitcode": child.exitcode,
}}), flush=True)
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    parser.add_argument(
        "--no-fd-capture",
        action="store_true",
        help="run the kernel as ipykernel runs on Windows: it does not copy its own stdout and stderr",
    )
    return parser.parse_args()


def run_cell(client, code):
    """Execute code in the kernel; return the text it sent to the notebook, stream by stream."""
    msg_id = client.execute(code)
    streams = {"stdout": "", "stderr": ""}
    deadline = time.monotonic() + TIMEOUT
    while True:
        msg = client.get_iopub_msg(timeout=max(0.1, deadline - time.monotonic()))  # raises queue.Empty
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            streams[content["name"]] += content["text"]
        elif kind == "error":
            streams["stderr"] += "\n".join(content["traceback"]) + "\n"
        elif kind == "status" and content["execution_state"] == "idle":
            return streams


def landed(line, notebook, console):
    places = [place for place, text in (("notebook", notebook), ("console", console)) if line in text]
    return " and ".join(places) or "nowhere"


def main():
    args = parse_args()
    extra = ["--IPKernelApp.capture_fd_output=False"] if args.no_fd_capture else []
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}  # ipykernel reads it
    # started as the Jupyter server starts it (jupyter_client's KernelManager), with this Python;
    # its stdout and stderr go to a pipe a thread reads: the server's console window
    manager = KernelManager(kernel_name="python3", shutdown_wait_time=SHUTDOWN)
    manager.kernel_spec.argv[0] = sys.executable
    manager.start_kernel(
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        env=env,
        cwd=HERE,
        extra_arguments=extra,
    )
    console = []
    pipe = manager.provisioner.process.stdout
    kernel_pid = manager.provisioner.process.pid
    reader = threading.Thread(target=lambda: console.extend(iter(pipe.readline, b"")), daemon=True)
    reader.start()
    client = manager.client()
    client.start_channels()
    try:
        client.wait_for_ready(timeout=TIMEOUT)
        notebook = run_cell(client, CELL.format(here=str(HERE), method=args.start_method))
    finally:
        client.stop_channels()
        manager.shutdown_kernel()  # asks, then kills a kernel that has not exited SHUTDOWN s later
    reader.join(timeout=TIMEOUT)
    pipe.close()
    console_text = b"".join(console).decode("utf-8", errors="replace")

    all_notebook = notebook["stdout"] + notebook["stderr"]
    facts = json.loads(notebook["stdout"].split("facts: ", 1)[1].splitlines()[0])
    lines = {
        "kernel's print": "kernel: the cell's own print",
        "child's stdout": f"child: child-1 pid {facts['child_pid']} on stdout",
        "child's stderr": f"child: child-1 pid {facts['child_pid']} on stderr",
    }
    print(f"server (this script): pid {os.getpid()}")
    print(f"kernel: pid {kernel_pid}, its __main__.__file__ is {facts['main_file']}")
    print(f"child: {facts['child_name']}, pid {facts['child_pid']}, exit code {facts['child_exitcode']}")
    where = {}
    for what, line in lines.items():
        where[what] = landed(line, all_notebook, console_text)
        print(f"{what:<15} {line!r} landed in: {where[what]}")
    data = {
        "start_method": args.start_method,
        "fd_capture": not args.no_fd_capture,
        "platform": sys.platform,
        "server_pid": os.getpid(),
        "kernel_pid": kernel_pid,
        **facts,
        "lines": lines,
        "landed": where,
    }
    print("json:", json.dumps(data))


if __name__ == "__main__":
    main()
