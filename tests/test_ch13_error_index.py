"""The error atlas (book/error_index.md, book/atlas/*.md): every demo still prints what its entry says.

The entries are data, examples_scripts/atlas/data/<area>.toml (format: examples_scripts/atlas/entries.py);
the pages are written from it at build time (book/_ext/atlas_pages.py). Each entry has one or more
demos: a "where" ("every Python, every OS", "Python 3.12–3.13", "Python 3.13.8+", "Windows", "Linux and
macOS", "not python -O"), the command, and the expected output: ``…`` matches any text on one line, a
line holding only ``…`` any number of lines. Every demo that applies to the running Python and OS must
match its command's stdout or stderr; an entry with none is skipped, with the "where"s as the reason.
Each command runs once (results are cached, and the demos run a few at a time: most of their time is
spent waiting).

Scripts: examples_scripts/atlas/demos/*.py, broken/worker_under_guard.py, broken/set_start_method_twice.py,
broken/sync_objects_as_task_arguments.py, broken/leaked_semaphore.py, broken/queue_get_empty.py and the
others the data names.
"""

import json
import multiprocessing.process
import re
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import ROOT
from examples_scripts.atlas import entries as atlas
from examples_scripts.launch import run

PAGE = ROOT / "book" / "error_index.md"
TEXT = PAGE.read_text(encoding="utf-8")
ENTRIES = atlas.load()
ASSERTS = multiprocessing.process.BaseProcess.start.__doc__ is not None  # False: a stdlib built without asserts


def applies(where, version=sys.version_info[:2]):
    return atlas.applies(where, version, asserts=ASSERTS)


_RESULTS = {}


TIMEOUTS = {d["command"]: d.get("timeout", 60) for e in ENTRIES.values() for d in e["demo"]}


def demo(command):
    if command not in _RESULTS:
        args, env, stdin = atlas.to_run_args(command)
        _RESULTS[command] = run(*args, env=env or None, stdin=stdin, echo=False, timeout=TIMEOUTS[command])
    return _RESULTS[command]


def applicable_commands():
    return sorted({d["command"] for e in ENTRIES.values() for d in e["demo"] if applies(d["where"])})


def applicable_demos(label):
    """The entry's demos for this Python and OS; the test is skipped when there is none."""
    demos = ENTRIES[label]["demo"]
    applicable = [d for d in demos if applies(d["where"])]
    if not applicable:
        pytest.skip(f"shown only for: {'; '.join(d['where'] for d in demos)}")
    return applicable


@pytest.fixture(scope="module")
def results():
    """Run every applicable demo once, four at a time (they mostly wait on their own timeouts), the
    slowest (the frozen-app builds) first."""
    with ThreadPoolExecutor(4) as pool:
        list(pool.map(demo, sorted(applicable_commands(), key=lambda c: -TIMEOUTS[c])))
    return _RESULTS


def headings(notebook):
    cells = json.loads((ROOT / "notebooks" / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
    text = "".join("".join(c["source"]) + "\n" for c in cells if c["cell_type"] == "markdown")
    return {m.strip().strip("`").replace("`", "") for m in re.findall(r"^#+ (.+)$", text, re.M)}


def test_every_area_has_its_page_in_the_toc_and_entries():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    for area, title in atlas.AREAS.items():
        page = ROOT / "book" / "atlas" / f"{area}.md"
        assert page.read_text(encoding="utf-8").startswith(f"# {title}\n"), page
        assert "\n% atlas-entries\n" in page.read_text(encoding="utf-8"), page
        assert f"- file: book/atlas/{area}\n" in toc, area
        assert any(e["area"] == area for e in ENTRIES.values()), f"{area}: no entry"
    assert sorted(p.stem for p in (ROOT / "book" / "atlas").glob("*.md")) == sorted(atlas.AREAS)
    assert "\n% atlas-symptoms\n" in TEXT


@pytest.mark.parametrize("label", list(ENTRIES))
def test_the_entry_is_complete(label):
    e = ENTRIES[label]
    assert "`" not in e["title"] and "\n" not in e["title"], "the title is one line of plain text"
    assert e["cause"].strip() and e["fix"].strip() or e["kind"] in ("hangs", "silent", "warns")
    assert (ROOT / "notebooks" / f"{e['chapter']}.ipynb").is_file(), e["chapter"]
    if e.get("section"):
        assert e["section"].replace("`", "") in headings(e["chapter"]), f"no section {e['section']!r}"
    for d in e["demo"]:
        args, _, _ = atlas.to_run_args(d["command"])
        assert (ROOT / "examples_scripts" / args[0]).is_file() or args[0] == "-", d["command"]
        assert d["output"].strip(), f"{d['command']} shows no expected text"
    for m in atlas.alternatives(e["match"][0]) + e["match"][1:]:
        assert isinstance(m, str) and m.strip() and "\n" not in m, f"a match is one line: {m!r}"


def test_every_version_from_3_11_to_3_14_has_a_text_for_each_versioned_entry():
    for label, e in ENTRIES.items():
        wheres = [d["where"] for d in e["demo"]]
        if any("Python 3." in w for w in wheres):
            for minor in range(11, 15):
                general = [
                    re.sub(r"Windows|Linux and macOS|Linux|not python -O", "every OS", w).replace(
                        "every OS, every OS", "every OS"
                    )
                    for w in wheres
                ]
                assert any(atlas.applies(w, (3, minor, 99)) for w in general), (label, minor)


def test_the_checklist_links_to_entries():
    checklist = TEXT.split("## Windows checklist")[1]
    assert len(re.findall(r"^\d+\. \*\*", checklist, re.M)) >= 12
    for label in re.findall(r"\{ref\}`([\w-]+)`", checklist):
        assert label in ENTRIES, label


def test_every_ref_to_an_entry_in_the_book_exists():
    pages = sorted((ROOT / "book").rglob("*.md")) + sorted((ROOT / "notebooks").glob("*.ipynb"))
    data = "".join(p.read_text(encoding="utf-8") for p in sorted(atlas.DATA.glob("*.toml")))
    for text in [p.read_text(encoding="utf-8") for p in pages] + [data]:
        for label in re.findall(r"\{ref\}`(?:[^`<]*<)?((?:err|hang|silent|warn)-[\w-]+)>?`", text):
            assert label in ENTRIES, label


@pytest.mark.parametrize("label", list(ENTRIES))
def test_the_demo_prints_the_documented_text(results, label):
    for d in applicable_demos(label):
        r = results[d["command"]]
        bound = TIMEOUTS[d["command"]]
        assert r.returncode is not None, f"{d['command']}: killed by the {bound} s safety net; its bound failed"
        regex = atlas.pattern(d["output"])
        assert regex.search(atlas.normalised(r.stdout)) or regex.search(atlas.normalised(r.stderr)), (
            f"[{d['where']}] {d['command']}\nexpected:\n{d['output']}\n--- stdout:\n{r.stdout}\n--- stderr:\n{r.stderr}"
        )


@pytest.mark.parametrize("label", list(ENTRIES))
def test_explain_error_names_the_entry_first_for_its_demo_output(results, label):
    """What examples_scripts/explain_error.py does with a traceback: the demo's own entry comes first."""
    e = ENTRIES[label]
    for d in applicable_demos(label):
        r = results[d["command"]]
        found = atlas.matches(r.stdout + "\n" + r.stderr)
        assert found, f"{d['command']}: no entry matches its output; match = {e['match']}"
        best = [entry["id"] for score, entry in found if score == found[0][0]]
        assert best == [label], f"{d['command']}: first {[(s, x['id']) for s, x in found[:4]]}"
