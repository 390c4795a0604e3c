"""What makes the chapters teachable, checked on their sources: glossary links at first use, exercises
named by label, a picture in every chapter that teaches a mechanism.

- The first time a chapter uses a glossary term in its prose (outside code, headings and links),
  that use is a {term} link (``{term}`spawn``` or ``{term}`spawned <spawn>```), or a {term} link
  to it came earlier. "context" is left out: the word is ordinary English too.
- Prose never says "exercise 2": it names the exercise by its label, {ref}`ch04-ex2`, whose text
  Sphinx takes from the exercise itself, so a renumbered exercise is never misnamed.
- Every chapter of Parts I to III and chapter 16 draws at least one figure (a cell that calls
  ``plt.show()``; test_hygiene.py requires its alt text).
The built pages are checked in tests/test_book.py (no output over 60 lines, no printed json line).
"""

import json
import re

import pytest

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PAGES = sorted((ROOT / "book").glob("*.md"))
GLOSSARY = (ROOT / "book" / "glossary.md").read_text(encoding="utf-8")
NOT_CHECKED = {"context"}
WITH_FIGURES = ("01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "16")


def terms():
    """The glossary's terms, as written in its {glossary} directive (backticks removed)."""
    body = GLOSSARY.split("```{glossary}", 1)[1].split("\n```", 1)[0]
    found = [line.strip().strip("`") for line in body.splitlines() if line and not line.startswith((" ", "\t"))]
    return [t for t in found if t not in NOT_CHECKED]


def markdown(nb):
    return "\n\n".join(
        "".join(c["source"])
        for c in json.loads(nb.read_text(encoding="utf-8"))["cells"]
        if c["cell_type"] == "markdown"
    )


def blank(match):
    return " " * len(match[0])


# What is not prose: fenced blocks, directive option lines, headings, roles other than {term},
# inline code, link targets and texts, HTML comments. Each is blanked, so that offsets stay true.
TERM = re.compile(r"\{term\}`([^`]*)`")
QUOTE = "\x01"  # stands for a {term} role's backticks in the prose, so they pair with nothing else
NOT_PROSE = [
    re.compile(r"^(`{3,}|~{3,}).*?^\1\s*$", re.M | re.S),
    re.compile(r"^:[\w-]+:.*$", re.M),
    re.compile(r"^- \{download\}.*$", re.M),  # a script list repeats each script's docstring as it is
    re.compile(r"^#+ .*$", re.M),
    re.compile(r"\{[\w:-]+\}`[^`]*`"),  # roles ({term} roles are kept, their backticks hidden first)
    re.compile(r"`(?:[^`\n]|\n(?!\n))+`"),  # inline code, which may wrap onto the next line
    re.compile(r"\[[^\]\n]*\]\([^)\n]*\)"),
    re.compile(r"<!--.*?-->", re.S),
]


def prose(text):
    """The text with everything that is not prose blanked out ({term} roles are kept)."""
    fences = NOT_PROSE[0]
    # a fence's content is prose when it is an admonition or a similar directive with text inside
    blanked = []
    for m in fences.finditer(text):
        header = m[0].split("\n", 1)[0]
        if re.match(r"^(`{3,}|~{3,})\{(admonition|note|tip|warning|important|exercise|solution|dropdown)\}", header):
            blanked.append((m.start(), m.start() + len(header)))  # its title line: not a place for a link
        else:
            blanked.append(m.span())
    chars = list(text)
    for a, b in blanked:
        chars[a:b] = " " * (b - a)
    text = "".join(chars)
    text = TERM.sub(lambda m: "{term}" + QUOTE + m[1] + QUOTE, text)  # kept, and not read as code
    for rule in NOT_PROSE[1:]:
        text = rule.sub(blank, text)
    return text


def use(term):
    """A use of the term: the word, a plural or past form; "fork" not in "fork server" (that is forkserver)."""
    server = r"(?!\s+server)" if term == "fork" else ""
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?:s|es|d|ed)?(?![\w-]){server}", re.I)


def first_uses(text):
    """{term: (offset of the first prose use, linked?)} for each glossary term the text uses."""
    clean = prose(text)
    role = re.compile(rf"\{{term\}}{QUOTE}([^{QUOTE}<]*?)(?:\s*<([^>]+)>)?{QUOTE}")
    links = [(m.start(), (m[2] or m[1]).strip().lower()) for m in role.finditer(clean)]
    roles = [(m.start(), m.end()) for m in re.finditer(rf"\{{term\}}{QUOTE}[^{QUOTE}]*{QUOTE}", clean)]
    out = {}
    for term in terms():
        for m in use(term).finditer(clean):
            inside = any(a <= m.start() < b for a, b in roles)
            before = any(pos <= m.start() and target == term.lower() for pos, target in links)
            out[term] = (m.start(), inside or before)
            break
    return out


@pytest.mark.parametrize("page", NOTEBOOKS, ids=lambda p: p.name)
def test_each_glossary_term_is_a_link_at_its_first_use(page):
    text = markdown(page)
    unlinked = []
    for term, (offset, linked) in first_uses(text).items():
        if not linked:
            line = text[:offset].count("\n") + 1
            context = text[max(0, offset - 40) : offset + 40].replace("\n", " ")
            unlinked.append(f"{term!r}, markdown line {line}: …{context}…")
    assert not unlinked, "first use without {term} link:\n" + "\n".join(unlinked)


@pytest.mark.parametrize("page", NOTEBOOKS + PAGES, ids=lambda p: p.name)
def test_exercises_are_named_by_label_not_number(page):
    text = markdown(page) if page.suffix == ".ipynb" else page.read_text(encoding="utf-8")
    clean = prose(text)
    numbered = [m[0] for m in re.finditer(r"\b[Ee]xercises? \d+\b", clean)]
    assert not numbered, f"name exercises by label ({{ref}}`ch04-ex1`): {numbered}"


@pytest.mark.parametrize("prefix", WITH_FIGURES)
def test_every_chapter_that_teaches_a_mechanism_draws_it(prefix):
    (nb,) = (ROOT / "notebooks").glob(f"{prefix}_*.ipynb")
    cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
    figures = [c for c in cells if c["cell_type"] == "code" and "plt.show()" in "".join(c["source"])]
    assert figures, f"{nb.name}: no figure"


def test_figures_py_draws_boxes_arrows_and_lanes_on_white(tmp_path):
    """examples_scripts/figures.py, the one way the chapters draw, renders without a display."""
    import matplotlib

    matplotlib.use("Agg")
    from examples_scripts import figures

    fig, ax = figures.canvas(4, 2)
    a = figures.box(ax, 0.05, 0.3, 0.3, 0.4, "parent", "parent")
    b = figures.box(ax, 0.6, 0.3, 0.3, 0.4, "child", "child", filled=True)
    figures.arrow(ax, a, b, "pickled", "data")
    assert fig.get_facecolor() == (1.0, 1.0, 1.0, 1.0) and len(ax.patches) == 3
    fig2, ax2 = matplotlib.pyplot.subplots()
    figures.lanes(ax2, ["parent", "child"], [("parent", 0, "start()", "parent"), ("child", 5, "run", "child")])
    for i, f in enumerate((fig, fig2)):
        f.savefig(tmp_path / f"{i}.png")
        assert (tmp_path / f"{i}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    matplotlib.pyplot.close("all")
