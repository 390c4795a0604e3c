"""House rules: clean notebooks, everything reachable from the TOC, valid and safe workflows."""

import ast
import json
import multiprocessing as mp
import re
import subprocess
import sys

import nbformat
import pytest
import yaml
from test_book import tool

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
SCRIPTS = sorted(p for p in (ROOT / "examples_scripts").rglob("*.py") if p.name != "__init__.py")
ATLAS_DATA = sorted((ROOT / "examples_scripts" / "atlas" / "data").glob("*.toml"))
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [c["file"] for c in part["chapters"]]
    return files


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_clean(nb):
    data = json.loads(nb.read_text(encoding="utf-8"))
    nbformat.validate(data)
    ids = [cell.get("id") for cell in data["cells"]]  # nbformat 4.5: required, and will be an error
    assert None not in ids and len(set(ids)) == len(ids), "every cell needs an id of its own"
    assert set(data["metadata"]) <= {"kernelspec", "language_info"}, data["metadata"]
    for cell in data["cells"]:
        assert set(cell["metadata"]) <= {"tags", "mystnb", "jupyter"}, cell["metadata"]  # mystnb: figure alt text
        # a hidden check cell is collapsed in JupyterLab too, so the notebook reads like the page
        hidden = "remove-cell" in cell["metadata"].get("tags", [])
        assert cell["metadata"].get("jupyter", {}) == ({"source_hidden": True} if hidden else {}), cell["id"]
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_in_the_toc_and_named_NN_topic(nb):
    assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", nb.name)
    assert f"notebooks/{nb.stem}" in toc_files()


def test_every_toc_entry_exists():
    for entry in toc_files():
        assert any((ROOT / f"{entry}{ext}").is_file() for ext in (".md", ".ipynb")), entry


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_script_is_used_by_a_chapter_and_tested(script):
    rel = script.relative_to(ROOT / "examples_scripts").as_posix()
    if script.parent.name == "checks":  # a chapter's checks: its notebook and its tests import them
        topic = script.stem
        (notebook,) = (ROOT / "notebooks").glob(f"[0-9][0-9]_{topic}.ipynb")
        (test,) = (ROOT / "tests").glob(f"test_ch[0-9][0-9]_{topic}.py")
        for user in (notebook, test):
            assert f"from examples_scripts.checks import {topic} as check" in user.read_text(encoding="utf-8"), user
        return
    if script.name == "_cases.py":  # the command line the atlas's demos share: every one uses it
        for demo in sorted(script.parent.glob("[!_]*.py")):
            assert "from _cases import run_cases" in demo.read_text(encoding="utf-8"), demo.name
        return
    if script.parent.name == "demos" and script.parent.parent.name == "atlas":  # the error atlas's demos
        data = "".join(
            p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples_scripts/atlas/data").glob("*.toml"))
        )
        assert f"python examples_scripts/{rel} " in data, (
            "no atlas entry runs it (tests/test_ch13_error_index.py runs them)"
        )
        return
    pages = NOTEBOOKS + sorted((ROOT / "book").glob("*.md")) + ATLAS_DATA  # the atlas's pages come from its data
    chapters = "".join(page.read_text(encoding="utf-8") for page in pages)
    tests = "".join(t.read_text(encoding="utf-8") for t in (ROOT / "tests").glob("test_*.py"))
    assert rel in chapters or "examples_scripts.launch" in chapters and rel == "launch.py"
    assert rel in tests or rel == "launch.py"


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_every_script_a_chapter_runs_can_be_downloaded_from_it(nb):
    """A reader of the web page gets each script from its chapter (solutions excepted: the student
    edition must not offer them)."""
    cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
    code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    prose = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    used = set(re.findall(r'(?:run|bench)\(\s*"([\w/]+\.py)"', code))
    used |= {m.replace(".", "/") + ".py" for m in re.findall(r"from examples_scripts\.([\w.]+) import", code)}
    used = {u for u in used if u not in ("launch.py", "checks.py") and not u.startswith("solutions/")}
    offered = set(re.findall(r"\{download\}`[^`<]*<\.\./examples_scripts/([\w/]+\.py)>`", prose))
    assert used, "the pattern found no script: is it out of date?"
    assert used <= offered, f"no download link for {sorted(used - offered)}"
    for script in offered:  # and the modules those scripts import from beside them
        text = (ROOT / "examples_scripts" / script).read_text(encoding="utf-8")
        neighbours = {m + ".py" for m in re.findall(r"^from (\w+) import", text, re.M)}
        neighbours &= {p.name for p in SCRIPTS if p.parent.name == "examples_scripts"}
        assert neighbours <= offered, f"{script} imports {sorted(neighbours - offered)}, not offered"


# Every script that takes --start-method starts its parse_args() with these lines, word for word:
# argparse checks the choice, lists the methods in --help and names them in its one-line error.
CANONICAL_PARSE_ARGS = """def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--start-method",
        choices={},
        default="spawn",
        help="how to start child processes (default: spawn, as on Windows)",
    )
"""
# Scripts that import joblib: it adds its own "loky" contexts to multiprocessing's list.
STANDARD_METHODS_ONLY = ("dask_local.py", "dask_by_address.py", "engines_benchmark.py")


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_script_follows_the_pattern(script):
    text = script.read_text(encoding="utf-8")
    assert text.startswith('"""'), "a docstring that says what to watch for"
    if "def parse_args():" in text:
        choices = "STANDARD_METHODS" if script.name in STANDARD_METHODS_ONLY else "mp.get_all_start_methods()"
        body = text.split("def parse_args():", 1)[1].split("\n\n\n", 1)[0]
        assert text.count("def parse_args") == 1 and CANONICAL_PARSE_ARGS.format(choices) in text
        assert body.rstrip().endswith("return parser.parse_args()"), body
    if (
        script.name in ("launch.py", "machine.py", "startup_cost.py", "run_as_windows.py", "explain_error.py")
        or "broken" in script.parts
        or "checks" in script.parts
        or "atlas" in script.parts
    ):
        return  # helpers, the benchmark (it runs every method), the unguarded demos
    if "multiprocessing" in text:
        assert 'if __name__ == "__main__":' in text
        assert "def parse_args():" in text


def test_an_unavailable_start_method_gets_a_one_line_error_naming_the_available_ones():
    unavailable = "fork" if "fork" not in mp.get_all_start_methods() else "thread"  # Windows: fork
    r = subprocess.run(
        [sys.executable, str(ROOT / "examples_scripts" / "pipe_echo.py"), "--start-method", unavailable],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 2 and r.stdout == "", r
    usage, error = r.stderr.splitlines()
    assert usage.startswith("usage: pipe_echo.py [-h] [--start-method {")
    # 3.14 lists the choices without quotes
    assert error.startswith(
        f"pipe_echo.py: error: argument --start-method: invalid choice: '{unavailable}' (choose from "
    )
    assert all(m in error for m in mp.get_all_start_methods()), error


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_the_script_list_repeats_each_script_docstring(nb):
    """ "The scripts of this chapter" describes each script by its docstring's first line, so the
    list cannot drift from the scripts ("BROKEN ON PURPOSE:" is shown as "**broken on purpose**:")."""
    (cell,) = [c for c in json.loads(nb.read_text(encoding="utf-8"))["cells"] if c["id"] == "scripts-of-this-chapter"]
    items = re.findall(
        r"^- \{download\}`([^`<]*) <\.\./examples_scripts/([\w/]+\.py)>`: (.*)$", "".join(cell["source"]), re.M
    )
    assert items, "no script listed"
    for shown, path, line in items:
        doc = ast.get_docstring(ast.parse((ROOT / "examples_scripts" / path).read_text(encoding="utf-8")))
        expected = doc.splitlines()[0].replace("BROKEN ON PURPOSE:", "**broken on purpose**:")
        assert (shown, line) == (path, expected), path


CODE_FENCES = ("text", "python", "bash", "console", "shell", "powershell", "{code-block}", "{code}", "{literalinclude}")


def prose_lines(text):
    """The lines of Markdown a reader reads as prose: not in code blocks, not a script list's line."""
    fences = []
    for line in text.split("\n"):
        opening = re.match(r"\s*(`{3,}|:{3,})\s*(\S*)", line)
        if opening:
            if opening[2]:
                fences.append(opening[2] in CODE_FENCES)
            elif fences:
                fences.pop()
        elif not any(fences) and not line.startswith("- {download}"):
            yield re.sub(r"`[^`]*`", "", line)  # code spans say what they say


def test_chapters_are_referred_to_by_name_not_by_number():
    """{chapter}`05_queue` reads "chapter 5" and follows a renumbering; a bare "chapter 5" does not.
    (The error index has no number in its title; plural lists such as "chapters 1, 2" stay text.)"""
    numbers = {int(nb.name[:2]) for nb in NOTEBOOKS}
    pages = {p: p.read_text(encoding="utf-8") for p in sorted((ROOT / "book").glob("*.md"))}
    for nb in NOTEBOOKS:
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        pages[nb] = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
    bare = [
        f"{page.name}: {line.strip()}"
        for page, text in pages.items()
        for line in prose_lines(text)
        if any(int(n) in numbers for n in re.findall(r"\b[Cc]hapter (\d+)\b(?![.,]\d)", line))
    ]
    assert not bare, "write {chapter}`NN_topic` instead:\n" + "\n".join(bare)


def test_every_figure_has_alt_text():
    for nb in NOTEBOOKS:
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            if "plt.show()" in "".join(cell["source"]) and "remove-cell" not in cell["metadata"].get("tags", []):
                alt = cell["metadata"].get("mystnb", {}).get("image", {}).get("alt", "")
                assert len(alt) > 40, f"{nb.name} cell {cell['id']}: describe the figure in mystnb.image.alt"


@pytest.mark.parametrize("command", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff_finds_nothing(command):
    """Every script, test and notebook passes ruff's lint and format checks (pyproject.toml)."""
    r = subprocess.run([tool("ruff"), *command, str(ROOT)], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr


@pytest.mark.parametrize("nb", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_written_as_jupyter_writes_it(nb):
    """Byte for byte what nbformat (Jupyter, nbconvert) writes, so clearing outputs changes nothing."""
    text = nb.read_text(encoding="utf-8")
    assert text == nbformat.writes(nbformat.reads(text, as_version=4)) + "\n"


def test_workflows_match_the_github_schema():
    r = subprocess.run(
        [tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_workflows_pass_zizmor_security_audit():
    r = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", str(ROOT / ".github" / "workflows")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_ci_matrix_covers_windows_and_every_supported_python():
    tests = yaml.safe_load((ROOT / ".github/workflows/tests.yml").read_text(encoding="utf-8"))
    matrix = tests["jobs"]["test"]["strategy"]["matrix"]
    assert {"windows-latest", "ubuntu-latest", "macos-latest"} <= set(matrix["os"])
    assert [str(v) for v in matrix["python-version"]] == ["3.11", "3.12", "3.13", "3.14"]
    assert tests[True]["schedule"], "a weekly run catches new dependency and Python releases"  # YAML's `on`
    pages = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert pages["jobs"]["build"]["runs-on"] == "windows-latest"
