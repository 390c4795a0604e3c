"""Chapter 13 (book/error_index.md): every demo on the page still prints the message the page shows.

The page is the only list: this test parses it. Each entry is a ``(label)=`` target, a ``###``
heading, prose, and one or more ``{code-block} text`` blocks with ``:class: error-demo``. In a
block, ``:caption:`` says where that text applies ("every Python, every OS", "Python 3.12–3.13",
"Python 3.14+", "Windows", "Linux and macOS", "not python -O"), the first line is the command
(``$ [NAME=value ...] python examples_scripts/... [args] [< file]``) and the rest is the expected
output: ``…`` matches any text on one line, a line holding only ``…`` any number of lines.
Every block that applies to the running Python and OS must match the demo's stdout or stderr;
an entry with no such block is skipped, with the captions as the reason. Each command runs once
(results are cached, and the demos run a few at a time: most of their time is spent waiting).

Scripts: broken/worker_under_guard.py, broken/set_start_method_twice.py, broken/sync_objects_as_task_arguments.py,
broken/leaked_semaphore.py, broken/queue_get_empty.py and the others named on the page.
"""

import multiprocessing.process
import re
import shlex
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import ROOT
from examples_scripts.launch import run

PAGE = ROOT / "book" / "error_index.md"
ASSERTS = multiprocessing.process.BaseProcess.start.__doc__ is not None  # False: a stdlib built without asserts
WINDOWS = sys.platform == "win32"
GROUPS = ("It raises", "It hangs", "It prints nothing, or the output is wrong", "It warns")
BLOCK = re.compile(r"```\{code-block\} text\n:class: error-demo\n:caption: ([^\n]+)\n\n\$ ([^\n]+)\n(.*?)\n```", re.S)


def parse_page():
    """{label: (heading, body)} for every entry, in page order."""
    text = PAGE.read_text(encoding="utf-8")
    entries = {}
    for m in re.finditer(r"^\(([\w-]+)\)=\n### `([^\n]+)`\n(.*?)(?=^\([\w-]+\)=\n|^## )", text, re.S | re.M):
        entries[m[1]] = (m[2], m[3])
    return text, entries


TEXT, ENTRIES = parse_page()


def applies(caption, version=sys.version_info[:2]):
    """Whether a block's caption covers the running Python and OS; unknown words fail the test."""
    ok = True
    for part in (p.strip() for p in caption.split(",")):
        if part in ("every Python", "every OS"):
            continue
        if part == "Windows":
            ok &= WINDOWS
        elif part == "Linux and macOS":
            ok &= not WINDOWS
        elif part == "not python -O":
            ok &= ASSERTS
        elif m := re.fullmatch(r"Python 3\.(\d+)–3\.(\d+)", part):
            ok &= int(m[1]) <= version[1] <= int(m[2])
        elif m := re.fullmatch(r"Python 3\.(\d+)\+", part):
            ok &= version[1] >= int(m[1])
        elif m := re.fullmatch(r"Python 3\.(\d+)", part):
            ok &= version[1] == int(m[1])
        else:
            raise ValueError(f"caption not understood: {part!r} in {caption!r}")
    return ok


def blocks(body):
    """(caption, command, expected) of each demo block of an entry."""
    return [(m[1], m[2], m[3]) for m in BLOCK.finditer(body)]


def pattern(expected):
    """A regex for the expected text: literal, but ``…`` is any text on one line, or any lines on its own."""
    parts = []
    for line in expected.split("\n"):
        if line.strip() == "…":
            parts.append(r"(?:[^\n]*\n)*?")
        else:
            parts.append("[^\n]*?".join(map(re.escape, line.rstrip().split("…"))) + r"\n")
    return re.compile("".join(parts).removesuffix(r"\n"))


def normalised(stream):
    return "\n".join(line.rstrip() for line in stream.splitlines()) + "\n"


def to_run_args(command):
    """What launch.run() needs for a command as the page shows it."""
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


_RESULTS = {}


def demo(command):
    if command not in _RESULTS:
        args, env, stdin = to_run_args(command)
        _RESULTS[command] = run(*args, env=env or None, stdin=stdin, echo=False, timeout=60)
    return _RESULTS[command]


@pytest.fixture(scope="module")
def results():
    """Run every applicable demo once, four at a time (they mostly wait on their own timeouts)."""
    commands = sorted({cmd for _, body in ENTRIES.values() for cap, cmd, _ in blocks(body) if applies(cap)})
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(demo, commands))
    return _RESULTS


def test_the_page_has_every_group_and_entries_in_each():
    assert list(ENTRIES), "no entry found: did the page's format change?"
    sections = re.findall(r"^## (.+)$", TEXT, re.M)
    assert sections == ["Find your symptom", *GROUPS, "Windows checklist"]
    for group in GROUPS:
        part = TEXT.split(f"\n## {group}\n")[1].split("\n## ")[0]
        assert "### `" in part, group


def test_every_entry_has_a_demo_a_chapter_and_is_in_the_symptom_index():
    index = TEXT.split("## Find your symptom")[1].split("\n## ")[0]
    for label, (_heading, body) in ENTRIES.items():
        assert blocks(body), f"{label}: no demo"
        assert body.count("```{code-block}") == len(blocks(body)), f"{label}: a block the test cannot read"
        chapters = re.findall(r"\{doc\}`\.\./notebooks/(\d\d_\w+)`", body)
        assert chapters and all((ROOT / "notebooks" / f"{c}.ipynb").is_file() for c in chapters), label
        assert f"(#{label})" in index, f"{label} is missing from 'Find your symptom'"
        for caption, command, expected in blocks(body):
            applies(caption)  # every caption is understood
            args, _, _ = to_run_args(command)
            assert (ROOT / "examples_scripts" / args[0]).is_file() or args[0] == "-", command
            assert expected.strip(), f"{label}: {command} shows no expected text"


def test_every_version_from_3_11_to_3_14_has_a_text_for_each_versioned_entry():
    for label, (_, body) in ENTRIES.items():
        captions = [cap for cap, _, _ in blocks(body)]
        if any("Python 3." in cap for cap in captions):
            for minor in range(11, 15):
                assert any(
                    applies(
                        cap.replace("Windows", "every OS")
                        .replace("Linux and macOS", "every OS")
                        .replace("not python -O", "every OS"),
                        (3, minor),
                    )
                    for cap in captions
                ), (label, minor)


def test_the_checklist_links_to_entries_and_chapters():
    checklist = TEXT.split("## Windows checklist")[1]
    items = re.findall(r"^\d+\. \*\*", checklist, re.M)
    assert len(items) >= 12
    for label in re.findall(r"\{ref\}`([\w-]+)`", checklist):
        assert label in ENTRIES, label


@pytest.mark.parametrize("label", list(ENTRIES))
def test_the_demo_prints_the_documented_text(results, label):
    heading, body = ENTRIES[label]
    applicable = [(cap, cmd, exp) for cap, cmd, exp in blocks(body) if applies(cap)]
    if not applicable:
        pytest.skip(f"shown only for: {'; '.join(cap for cap, _, _ in blocks(body))}")
    for caption, command, expected in applicable:
        r = results[command]
        assert r.returncode is not None, f"{command}: killed by the 60 s safety net; its own bound did not work"
        regex = pattern(expected)
        assert regex.search(normalised(r.stdout)) or regex.search(normalised(r.stderr)), (
            f"[{caption}] {command}\nexpected:\n{expected}\n--- stdout:\n{r.stdout}\n--- stderr:\n{r.stderr}"
        )
