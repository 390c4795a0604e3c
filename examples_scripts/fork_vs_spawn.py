"""What does a child get from its parent? fork copies the parent's memory, spawn rebuilds it.

Watch for: the parent changes a global in main(), then starts one child with fork and one with
the method you give (spawn by default). The forked child sees the change: it starts as a copy
of the parent. The spawned child is a fresh interpreter: it imports this file again, as
``__mp_main__``, so the global has its import-time value, then unpickles its target and the
target's argument. Where the OS has no fork (Windows) only the second child runs.
Each process records what it did, in order; the parent prints it all, then one line
``json: {...}`` for the book's figure.
"""

import argparse
import json
import multiprocessing as mp

SETTING = "set at import"
EVENTS = []  # what this process did, in order


def record(what):
    EVENTS.append({"process": mp.current_process().name, "name": __name__, "what": what, "setting": SETTING})


record(f"imports the module as {__name__}")


class Parcel:
    """The child's argument. It notes when it is pickled (in the parent) and unpickled (in the child)."""

    def __init__(self, text):
        self.text = text

    def __getstate__(self):
        record("pickles work() and its argument")
        return self.__dict__

    def __setstate__(self, state):
        self.__dict__.update(state)
        record("unpickles work() and its argument")


def work(parcel, conn):
    record("runs work()")
    me = mp.current_process().name
    conn.send([e for e in EVENTS if e["process"] == me])  # a forked child also has the parent's
    conn.close()


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices=mp.get_all_start_methods(),
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
    return parser.parse_args()


def start_child(method):
    """Start one child with this method; return every event of the run, the parent's and the child's."""
    ctx = mp.get_context(method)
    mine, theirs = ctx.Pipe(duplex=False)
    before = len(EVENTS)
    record(f"start(): a child with {method}")
    child = ctx.Process(target=work, args=(Parcel("hello"), theirs))
    child.start()
    theirs.close()  # the parent keeps only its end
    child_events = mine.recv() if mine.poll(20) else []
    child.join(timeout=20)
    record(f"join(): exit code {child.exitcode}")
    parent_events = EVENTS[before:]
    # the parent's events up to start() returned, then the child's, then the parent's join()
    return {
        "method": method,
        "available": True,
        "child": child.name,
        "events": parent_events[:-1] + child_events + parent_events[-1:],
    }


def main():
    global SETTING
    method = parse_args().start_method
    SETTING = "changed in main()"
    record("main() changes SETTING")
    setup = list(EVENTS)
    runs = []
    for m in ["fork", method] if method != "fork" else ["fork"]:
        if m in mp.get_all_start_methods():
            runs.append(start_child(m))
        else:
            runs.append({"method": m, "available": False, "note": "not available on this OS", "events": []})
    for run in runs:
        print(f"--- {run['method']}" + ("" if run["available"] else ": not available on this OS"))
        for e in setup + run["events"] if run["available"] else []:
            print(f"{e['process']:<19} {e['name']!r:<14} {e['what']:<34} SETTING = {e['setting']!r}")
    print("json:", json.dumps({"setup": setup, "runs": runs}))


if __name__ == "__main__":
    main()
