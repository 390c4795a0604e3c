"""The error atlas misses no message: each one this Python's multiprocessing and concurrent.futures can show is triaged.

examples_scripts/atlas/messages.py reads the messages from the running interpreter's own standard
library (``ast`` over its source files); examples_scripts/atlas/triage.toml says of each one whether
ordinary code can make it appear ("user", with the error-index entry that shows it, or "" while none
does) or not ("internal", with the reason); each user message is shown by an atlas entry
(examples_scripts/atlas/data, whose entries list the messages they show). A Python release that
adds or rewords a message fails here, naming it, so CI finds it before a reader does. Patch
releases reword messages too: on a patch release older than the one the triage was made from (its
``checked`` table) the differences are only printed.
"""

import re
import sys
import tomllib
from functools import cache

import pytest

from conftest import ROOT
from examples_scripts.atlas import entries as atlas
from examples_scripts.atlas import messages

TRIAGE = ROOT / "examples_scripts" / "atlas" / "triage.toml"
VERSION = f"{sys.version_info.major}.{sys.version_info.minor}"
FIELDS = {"module", "name", "text", "versions", "verdict", "why"}
STDLIB = messages.stdlib_dir()
needs_sources = pytest.mark.skipif(
    not messages.has_sources(STDLIB),
    reason=f"no .py sources of multiprocessing in {STDLIB}: this build ships only compiled files "
    "(the Windows embeddable package), so its messages cannot be read",
)


@cache
def triage():
    return tomllib.loads(TRIAGE.read_text(encoding="utf-8"))


@cache
def records():
    """{key: record} of the triage file."""
    out = {}
    for record in triage()["message"]:
        k = messages.key(record.get("module", ""), record.get("name", ""), record.get("text", ""))
        assert k not in out, f"triaged twice: {k}"
        out[k] = record
    return out


@cache
def found():
    """{key: Message} of the running interpreter's standard library."""
    return messages.messages(STDLIB)


def where(message):
    return ", ".join(sorted(message.places))


def strict():
    """Whether this Python is the patch release the triage was made from, or a newer one (as in CI)."""
    checked = triage()["checked"].get(VERSION)
    return checked is None or sys.version_info[:3] >= tuple(int(n) for n in checked.split("."))


def report(problems, what):
    """Fail for the problems; on a patch release older than the triage's, only print them."""
    if problems and not strict():
        older = f"{sys.version.split()[0]} is older than {triage()['checked'][VERSION]}, which the triage was made from"
        print(f"{older}; {what}, not checked here:\n" + "\n".join(problems))
        return
    assert not problems, f"{what}:\n" + "\n".join(problems)


def test_every_record_is_complete():
    checked = triage().get("checked", {})
    assert checked and all(re.fullmatch(rf"{re.escape(v)}\.\d+", p) for v, p in checked.items()), checked
    problems = []
    for k, r in records().items():
        if set(r) != FIELDS:
            problems.append(f"{k}: fields {sorted(r)}, expected {sorted(FIELDS)}")
        elif not r["versions"] or not all(re.fullmatch(r"3\.\d+", v) for v in r["versions"]):
            problems.append(f"{k}: versions {r['versions']!r}, expected a list such as ['3.13', '3.14']")
        elif not r["why"].strip():
            problems.append(f"{k}: no why")
        elif r["verdict"] not in ("user", "internal", "elsewhere"):
            problems.append(f"{k}: verdict {r['verdict']!r}, expected 'user', 'internal' or 'elsewhere'")
    assert not problems, "\n".join(problems)


def shown():
    """{message key: [entry ids]} of the atlas."""
    out = {}
    for e in atlas.load().values():
        for k in e["messages"]:
            out.setdefault(k, []).append(e["id"])
    return out


def test_every_message_an_entry_names_is_a_triaged_user_message():
    problems = []
    for k, ids in shown().items():
        if k not in records():
            problems.append(f"{', '.join(ids)}: {k!r} is not in triage.toml (spelled as messages.py prints it?)")
        elif records()[k]["verdict"] != "user":
            problems.append(f"{', '.join(ids)}: {k!r} is triaged internal")
    assert not problems, "\n".join(problems)


def test_every_user_message_has_an_atlas_entry():
    todo = [(r["module"], k, r) for k, r in records().items() if r["verdict"] == "user" and k not in shown()]
    lines = []
    module = None
    for mod, k, r in sorted(todo, key=lambda t: t[:2]):
        if mod != module:
            module = mod
            lines.append(f"{mod}:")
        lines.append(f"  {k.removeprefix(mod + ' ')}  [{', '.join(r['versions'])}]  {r['why']}")
    assert not todo, f"{len(todo)} user-reachable message(s) no atlas entry shows:\n" + "\n".join(lines)


@needs_sources
def test_every_message_is_triaged():
    problems = []
    for k, m in found().items():
        if k not in records():
            problems.append(f"not triaged: {k}    [{m.kind}: {where(m)}]")
        elif VERSION not in records()[k]["versions"]:
            problems.append(f"triaged, but its versions do not list {VERSION}: {k}")
    report(problems, f"{len(problems)} message(s) of {STDLIB} the triage lacks")


@needs_sources
def test_no_record_of_this_version_is_stale():
    stale = [k for k, r in records().items() if VERSION in r["versions"] and k not in found()]
    report(stale, f"records that list {VERSION}, whose standard library has no such message")
