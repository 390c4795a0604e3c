"""The error atlas's entries: one record an entry, read from ``examples_scripts/atlas/data/<area>.toml``.

Each entry is one message (or one hang, one silent failure) a reader can meet: its text as each
Python, OS and start method prints it, when it happens, its cause, its fix, the demo that makes it
happen and the chapter that teaches it. The atlas pages (``book/atlas/``), the "find your symptom"
index (``book/error_index.md``), ``explain_error.py`` and the site's search all come from these
records; ``tests/test_ch13_error_index.py`` runs every demo and compares its output with the record.

A record (TOML, in ``<area>.toml`` or ``<area>.<part>.toml``)::

    [[entry]]
    id = "err-pool-not-running"            # its label: book links to it with {ref}`err-pool-not-running`
    kind = "raises"                        # raises, hangs, silent or warns
    title = "ValueError: Pool not running" # the message's last line, as a reader pastes it
    when = "..."                           # markdown: when it appears, in which process
    cause = "..."
    fix = "..."
    chapter = "04_pool"                    # the notebook that teaches it
    section = "..."                        # optional: the section of that chapter
    messages = ["multiprocessing.pool ValueError: Pool not running"]   # triage keys it shows
    match = ["ValueError: Pool not running"]   # optional (default: the title): lines that identify it;
                                           # the first may be a list of alternatives
    before = '''...'''                     # optional: the failing lines (python)
    after = '''...'''                      # optional: the fixed lines (python)

    [[entry.demo]]
    where = "every Python, every OS"       # see applies()
    command = "python examples_scripts/atlas/demos/pools.py pool-not-running"
    output = '''
    Traceback (most recent call last):
    …
    ValueError: Pool not running
    '''

In ``output`` and ``match`` a ``…`` stands for any text on one line (a path, an address, a process
id); a line holding only ``…`` for any number of lines.
"""

import re
import shlex
import sys
import tomllib
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
ROOT = Path(__file__).resolve().parents[2]

# The areas, in the atlas's order: file stem -> page title.
AREAS = {
    "pickling": "Pickling: what cannot cross to another process",
    "startup": "The main module and start-up",
    "lifecycle": "Process lifecycle",
    "pools": "Pools and executors",
    "queues": "Queues, pipes and connections",
    "managers": "Managers",
    "sync": "Shared memory and synchronisation",
    "frozen": "Frozen apps, shells and debuggers",
    "windows": "Windows' own errors",
    "warnings": "Warnings",
    "hangs": "Hangs",
    "silent": "Silent failures",
}
KINDS = {
    "raises": "It raises. An exception, in the parent or printed by a child.",
    "hangs": "It hangs. Nothing happens. Each demo bounds its own wait and says what would have waited forever.",
    "silent": "It prints nothing, or the output is wrong. No error, but output or results are missing.",
    "warns": "It warns. The program works, and a warning appears, often at exit.",
}
REQUIRED = {"id", "kind", "title", "when", "cause", "fix", "chapter", "messages", "demo"}
OPTIONAL = {"section", "match", "before", "after"}
DEMO_FIELDS = {"where", "command", "output"}
DEMO_OPTIONAL = {"timeout"}  # seconds the test gives the command (default 60): a demo that builds an app needs more
WINDOWS = sys.platform == "win32"


@cache
def load():
    """{id: entry} of every area, in the atlas's order; each entry gains "area"."""
    out = {}
    for area in AREAS:
        for path in area_files(area):
            _read(path, area, out)
    return out


def area_files(area):
    """An area's data: <area>.toml, then <area>.<part>.toml files (one per author), by name."""
    return sorted(DATA.glob(f"{area}.toml")) + sorted(DATA.glob(f"{area}.*.toml"))


def _read(path, area, out):
    for entry in tomllib.loads(path.read_text(encoding="utf-8")).get("entry", []):
        problems = check(entry)
        if problems:
            raise ValueError(f"{path.name}: entry {entry.get('id')!r}: {'; '.join(problems)}")
        if entry["id"] in out:
            raise ValueError(f"{path.name}: entry {entry['id']!r} is defined twice")
        entry["area"] = area
        entry.setdefault("match", [entry["title"].replace("...", "…")])
        for demo in entry["demo"]:
            demo["output"] = demo["output"].strip("\n")
        out[entry["id"]] = entry


def check(entry):
    """What is wrong with a record, as a list of sentences."""
    problems = []
    keys = set(entry)
    if missing := REQUIRED - keys:
        problems.append(f"missing {sorted(missing)}")
    if unknown := keys - REQUIRED - OPTIONAL:
        problems.append(f"unknown fields {sorted(unknown)}")
    if entry.get("kind") not in KINDS:
        problems.append(f"kind must be one of {list(KINDS)}")
    if not re.fullmatch(r"(err|hang|silent|warn)-[a-z0-9-]+", entry.get("id", "")):
        problems.append("id must look like err-..., hang-..., silent-... or warn-...")
    for demo in entry.get("demo", []):
        if not DEMO_FIELDS <= set(demo) <= DEMO_FIELDS | DEMO_OPTIONAL:
            problems.append(f"a demo needs {sorted(DEMO_FIELDS)}, and may have {sorted(DEMO_OPTIONAL)}")
        else:
            try:
                applies(demo["where"])
            except ValueError as e:
                problems.append(str(e))
            if not demo["command"].split()[0:1] and demo["output"].strip():
                problems.append("a demo needs a command and an output")
    if not entry.get("demo"):
        problems.append("no demo")
    return problems


def applies(where, version=sys.version_info[:2], windows=WINDOWS, asserts=True):
    """Whether a demo's "where" ("every Python, every OS", "Python 3.12–3.13", "Windows", ...) covers this run."""
    ok = True
    for part in (p.strip() for p in where.split(",")):
        if part in ("every Python", "every OS"):
            continue
        if part == "Windows":
            ok &= windows
        elif part == "Linux and macOS":
            ok &= not windows
        elif part == "Linux":
            ok &= sys.platform.startswith("linux") and not windows
        elif part == "not python -O":
            ok &= asserts
        elif m := re.fullmatch(r"Python 3\.(\d+)(?:\.(\d+))?–3\.(\d+)(?:\.(\d+))?", part):
            low = (3, int(m[1]), int(m[2] or 0))
            high = (3, int(m[3]), int(m[4]) if m[4] else 999)
            ok &= low <= _full(version) <= high
        elif m := re.fullmatch(r"Python 3\.(\d+)(?:\.(\d+))?\+", part):
            ok &= _full(version) >= (3, int(m[1]), int(m[2] or 0))
        elif m := re.fullmatch(r"Python 3\.(\d+)", part):
            ok &= version[1] == int(m[1])
        else:
            raise ValueError(f"'where' not understood: {part!r} in {where!r}")
    return ok


def _full(version):
    """(3, minor, micro): the running patch release when version is the running minor, else .0."""
    if tuple(version[:2]) == sys.version_info[:2] and len(version) == 2:
        return sys.version_info[:3]
    return (*version[:2], version[2] if len(version) > 2 else 0)


def pattern(expected):
    """A regex for an expected text: literal, but ``…`` is any text on one line, or any lines on its own."""
    parts = []
    for line in expected.split("\n"):
        if line.strip() == "…":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append("[^\n]*?".join(map(re.escape, line.rstrip().split("…"))) + r"\n")
    return re.compile("".join(parts).removesuffix(r"\n"))


def literal_length(text):
    """How much fixed text a pattern has: the longer, the more specific."""
    return len(text.replace("…", "").strip())


def normalised(stream):
    """Output as a page shows it: no trailing spaces, Windows line ends as \\n."""
    return "\n".join(line.rstrip() for line in stream.splitlines()) + "\n"


def to_run_args(command):
    """(args for launch.run(), env, stdin) for a command as the page shows it."""
    words = shlex.split(command)
    env = {}
    while "=" in words[0]:
        name, value = words.pop(0).split("=", 1)
        env[name] = value
    stdin = None
    if "<" in words:
        i = words.index("<")
        stdin = words[i + 1].removeprefix("examples_scripts/")
        words = words[:i]
    assert words[0] == "python", command
    script, *args = words[1:]
    args = [str(ROOT / a) if a.startswith("examples_scripts/") else a for a in args]
    return (script.removeprefix("examples_scripts/"), *args), env, stdin


def alternatives(line):
    """The first line of ``match`` may be a list: any one of its alternatives opens the entry."""
    return line if isinstance(line, list) else [line]


def matches(text, entries=None):
    """The entries whose message appears in text, best first: [(score, entry)].

    An entry matches when the first line of its ``match`` does (or one of its alternatives, when
    that line is a list: a message that one Python version words differently); each further line
    that matches adds its length to the score, so an entry about one context of a message (a
    manager's BrokenPipeError) wins where that context is in the text.
    """
    text = normalised(text)
    found = []
    for entry in (entries or load()).values():
        first, *more = entry["match"]
        opened = [a for a in alternatives(first) if pattern(a).search(text)]
        if not opened:
            continue
        score = max(map(literal_length, opened)) + sum(literal_length(m) for m in more if pattern(m).search(text))
        found.append((score, entry))
    found.sort(key=lambda pair: -pair[0])
    return found
