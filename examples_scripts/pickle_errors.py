"""The exact error each unpicklable object raises, per Python version (checked on 3.11 to 3.14).

Watch for: the messages changed twice. 3.12 renamed the file's type in its message
('_io.TextIOWrapper' object -> 'TextIOWrapper' instances), 3.13 changed "Can't pickle local
object" to "Can't get local object", and 3.14 rewrote the lambda and local-object messages
(now a PicklingError that shows the object) and adds notes ("when serializing ...") naming
the path to the object that failed. Addresses such as 0x7f... vary, so these are regexes.
The chapter 10 notebook and its tests check real output against this table.
"""

import re
import sys

ADDR = r"0x[0-9a-fA-F]+"

# case -> [(first version, last version, exception type, message regex)]
ERRORS = {
    "lambda": [
        (
            (3, 11),
            (3, 13),
            "PicklingError",
            rf"Can't pickle <function <lambda> at {ADDR}>: attribute lookup <lambda> on __main__ failed",
        ),
        (
            (3, 14),
            (3, 99),
            "PicklingError",
            rf"Can't pickle <function <lambda> at {ADDR}>: it's not found as __main__\.<lambda>",
        ),
    ],
    "nested function": [
        ((3, 11), (3, 12), "AttributeError", r"Can't pickle local object 'make_adder\.<locals>\.add'"),
        ((3, 13), (3, 13), "AttributeError", r"Can't get local object 'make_adder\.<locals>\.add'"),
        (
            (3, 14),
            (3, 99),
            "PicklingError",
            rf"Can't pickle local object <function make_adder\.<locals>\.add at {ADDR}>",
        ),
    ],
    "local class": [
        ((3, 11), (3, 12), "AttributeError", r"Can't pickle local object 'make_point\.<locals>\.Point'"),
        ((3, 13), (3, 13), "AttributeError", r"Can't get local object 'make_point\.<locals>\.Point'"),
        (
            (3, 14),
            (3, 99),
            "PicklingError",
            r"Can't pickle local object <class '__main__\.make_point\.<locals>\.Point'>",
        ),
    ],
    "bound method, lock": [((3, 11), (3, 99), "TypeError", r"cannot pickle '_thread\.lock' object")],
    "generator": [((3, 11), (3, 99), "TypeError", r"cannot pickle 'generator' object")],
    "open file": [
        ((3, 11), (3, 11), "TypeError", r"cannot pickle '_io\.TextIOWrapper' object"),
        ((3, 12), (3, 99), "TypeError", r"cannot pickle 'TextIOWrapper' instances"),
    ],
    "threading.Lock": [((3, 11), (3, 99), "TypeError", r"cannot pickle '_thread\.lock' object")],
    "sqlite3.Connection": [((3, 11), (3, 99), "TypeError", r"cannot pickle 'sqlite3\.Connection' object")],
}


def expected(case, version=None):
    """'Type: message' regex for ``case`` on ``version`` (default: the running Python)."""
    version = tuple(version or sys.version_info[:2])
    for first, last, kind, message in ERRORS[case]:
        if first <= version <= last:
            return rf"{kind}: {message}"
    raise LookupError(f"no text recorded for {case!r} on Python {version}")


def check(output, case, route):
    """Assert that ``output`` has the documented line for ``case`` via ``route``; return that line."""
    pattern = rf"^{re.escape(case)}: {re.escape(route)}: {expected(case)}$"
    found = re.search(pattern, output, re.MULTILINE)
    assert found, f"expected {pattern!r} in:\n{output}"
    return found[0]
