"""What crosses to a worker, and how: by reference (a name), by value (the data), or refused.

Watch for: each target, argument and result is pickled the way multiprocessing pickles it
(``ForkingPickler``), then sent to a real pool worker. A module-level function travels as
its module and its name, a few dozen bytes whatever its size; ``functools.partial`` adds its
bound argument by value; a list travels by value, every item; the worker's result comes back
by value. A lambda, a nested function and a ``threading.Lock`` are refused in the parent,
before any worker sees them. The script prints one line per object, then one line
``json: {...}`` for the chapter's figure.
"""

import argparse
import functools
import json
import multiprocessing as mp
import pickletools
import threading
from multiprocessing.reduction import ForkingPickler

TIMEOUT = 20  # seconds
# the opcodes of a pickle that holds nothing but a name to look up
NAME_ONLY = {"PROTO", "FRAME", "SHORT_BINUNICODE", "BINUNICODE", "MEMOIZE", "STACK_GLOBAL", "GLOBAL", "STOP"}


def square(x):
    return x * x


cube = lambda x: x * x * x  # noqa: E731 (a lambda on purpose: its name is "<lambda>")


def scale(factor, x):
    return factor * x


def total(numbers):
    return sum(numbers)


def holds(_lock):
    return "never runs"


def make_adder(n):
    def add(x):
        return x + n

    return add


def names_in(data):
    """The module.name pairs a pickle refers to: what the receiver imports and looks up."""
    strings, names = [], []
    for op, arg, _ in pickletools.genops(data):
        if isinstance(arg, str):
            strings.append(arg)
        if op.name == "STACK_GLOBAL":
            names.append(".".join(strings[-2:]))
        elif op.name == "GLOBAL":
            names.append(arg.replace(" ", "."))
    return names


def pickled(what, obj):
    """Pickle obj as multiprocessing does; say how it went."""
    try:
        data = bytes(ForkingPickler.dumps(obj))
    except Exception as error:
        return {"what": what, "how": "refused", "error": f"{type(error).__name__}: {error}"}
    names = names_in(data)
    ops = {op.name for op, _, _ in pickletools.genops(data)}
    if not names:
        how = "by value"
    elif ops <= NAME_ONLY:
        how = "by reference"
    else:
        how = "by reference + value"
    return {"what": what, "how": how, "bytes": len(data), "names": names}


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
    numbers = list(range(1000))
    calls = [  # (role, what, target, args)
        ("target", "module-level function", square, (7,)),
        ("target", "functools.partial", functools.partial(scale, 10), (7,)),
        ("target", "lambda", cube, (7,)),
        ("target", "nested function", make_adder(10), (7,)),
        ("argument", "list of 1000 ints", total, (numbers,)),
        ("argument", "threading.Lock", holds, (threading.Lock(),)),
    ]
    rows = []
    with ctx.Pool(1) as pool:
        for role, what, target, args in calls:
            row = pickled(what, target if role == "target" else args[0])
            row["role"] = role
            try:
                result = pool.apply_async(target, args).get(timeout=TIMEOUT)
                row["in the worker"] = f"ran, returned {result}"
                rows.append(row)
                if role == "argument":
                    rows.append({**pickled(f"result {result}", result), "role": "result"})
            except Exception as error:  # the pool refuses what it cannot pickle, in the parent
                row["in the worker"] = f"never sent: {type(error).__name__}"
                rows.append(row)
    for r in rows:
        size = f"{r['bytes']} bytes" if "bytes" in r else r["error"]
        names = f" (names {', '.join(r['names'])})" if r.get("names") else ""
        print(f"{r['role']:<8} {r['what']:<21} {r['how']:<20} {size}{names}")
        if "in the worker" in r:
            print(f"{'':<30} pool worker: {r['in the worker']}")
    print("json:", json.dumps({"start_method": method, "rows": rows}))


if __name__ == "__main__":
    main()
