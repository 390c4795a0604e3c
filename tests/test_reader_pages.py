"""The reader's guide pages: the instructors' table cannot drift from the notebooks, the
student edition has every exercise and no solution, and the Setting up page offers the book's
code as one zip (tests/test_reader_commands.py checks what the zip holds and runs a chapter from it)."""

import json
import re
import zipfile
from html.parser import HTMLParser

import pytest
from book_build import build

from book._ext import code_zip
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
INSTRUCTORS = ROOT / "book" / "instructors.md"
pytestmark = pytest.mark.timeout(1800)  # the first test to ask for the shared book build waits for it


def cells(nb):
    return json.loads(nb.read_text(encoding="utf-8"))["cells"]


def exercises(nb):
    """(label, title) of every exercise in a notebook."""
    text = "\n".join("".join(c["source"]) for c in cells(nb) if c["cell_type"] == "markdown")
    return re.findall(r"```\{exercise\} *(.*)\n:label: *(\S+)", text)


def solutions(nb):
    """The cells' text of each gated solution: prose after {solution-start}, code, prose before {solution-end}."""
    found, current = [], None
    for c in cells(nb):
        src = "".join(c["source"])
        if current is not None and "{solution-end}" in src:
            current.append(src.split("```{solution-end}")[0])
            found.append(current)
            current = None
            src = src.split("```{solution-end}")[1]
        if "{solution-start}" in src:
            # the text after the directive's own fence
            current = [src.split("{solution-start}", 1)[1].split("```", 1)[1]]
        elif current is not None and "remove-cell" not in c["metadata"].get("tags", []):
            current.append(src)
    return found


def probes(texts):
    """Plain runs of words from a solution, long enough to be unique, free of markup."""
    out = []
    for text in texts:
        for run in re.split(r"[`*_\[\]{}<>$|#\\'\"\n:()=,.-]", text):
            run = " ".join(run.split())
            if len(run) >= 20:
                out.append(run)
    return out


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        self._skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._skip -= tag in ("script", "style") and self._skip > 0

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def page_text(path):
    p = _Text()
    p.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(p.parts).split())


def test_every_notebook_and_exercise_is_in_the_instructors_page():
    text = INSTRUCTORS.read_text(encoding="utf-8")
    assert NOTEBOOKS
    for nb in NOTEBOOKS:
        assert f"{{doc}}`../notebooks/{nb.stem}`" in text, f"{nb.name} missing from {INSTRUCTORS.name}"
        exs = exercises(nb)
        assert exs, f"{nb.name} has no exercise"
        for title, label in exs:
            assert f"`{label}` {title}" in text, f"{label} ({title}) missing from {INSTRUCTORS.name}"


def test_every_exercise_has_a_solution_found_by_this_test():
    for nb in NOTEBOOKS:
        assert len(solutions(nb)) == len(exercises(nb)), nb.name


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    full = build(tmp_path_factory).check()
    student = build(tmp_path_factory, "student").check()
    return full, student


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_student_edition_has_the_exercises_and_no_solution(editions, nb):
    full, student = editions
    page = f"notebooks/{nb.stem}.html"
    if not (full / page).is_file():
        pytest.skip(f"{nb.name} is not in _toc.yml yet")
    full_html, student_html = (full / page).read_text(encoding="utf-8"), (student / page).read_text(encoding="utf-8")
    assert 'class="solution' in full_html  # the control: solutions are there
    assert 'class="solution' not in student_html
    full_text, student_text = page_text(full / page), page_text(student / page)
    for title, label in exercises(nb):
        assert title in student_text, (label, title)
    for i, sol in enumerate(solutions(nb), 1):
        shown = [p for p in probes(sol) if p in full_text]
        assert shown, f"solution {i} of {nb.name}: no probe text found in the full edition"
        # a phrase may also occur outside the solution: it must occur fewer times without it
        left = [p for p in shown if student_text.count(p) >= full_text.count(p)]
        assert not left, f"solution {i} of {nb.name} leaks into the student edition: {left}"


@pytest.mark.parametrize("edition", ["full", "student"])
def test_the_setup_page_offers_the_code_zip_of_its_edition(editions, edition):
    html = editions[edition == "student"]
    page = html / "book" / "setup.html"
    links = set(re.findall(r'href="([^"#]*/spawn-safe-code\.zip)"', page.read_text(encoding="utf-8")))
    assert len(links) == 1, links
    target = (page.parent / links.pop()).resolve()
    assert target.is_file() and html.resolve() in target.parents, target
    # the zip tests/test_reader_commands.py checks, of this edition (the same bytes from the same sources)
    assert target.read_bytes() == code_zip.zip_bytes(ROOT, student=edition == "student"), (
        "the built zip is not the one the sources give now: were they edited during the build?"
    )
    with zipfile.ZipFile(target) as zf:
        solutions = [n for n in zf.namelist() if n.startswith(f"{code_zip.FOLDER}/{code_zip.SOLUTIONS}")]
    assert bool(solutions) == (edition == "full")
