"""The book builds from a cold cache with warnings as errors.

The build is shared with test_reader_pages.py and test_site.py (tests/book_build.py). It takes
the outputs of the notebooks nbval ran in this session and executes the others."""

import re

import pytest
from book_build import REPOSITORY, build, tool  # noqa: F401  (tool: test_hygiene imports it from here)

from book._ext.repository import repository_url
from conftest import EXECUTED, ROOT

pytestmark = pytest.mark.timeout(1800)  # a cold build executes every notebook: slow on Windows


def test_book_builds_without_warnings(tmp_path_factory):
    html = build(tmp_path_factory).check()
    for page in ["book/intro.html", "notebooks/01_start_methods.html", "notebooks/02_main_guard.html"]:
        assert (html / page).is_file(), page
    ch2 = (html / "notebooks/02_main_guard.html").read_text(encoding="utf-8")
    assert "finished its bootstrapping phase" in ch2  # the real error, executed at build time
    ch1 = (html / "notebooks/01_start_methods.html").read_text(encoding="utf-8")
    assert "<img" in ch1 and "logical cores" in ch1  # the start-up plot and its machine
    ch6 = (html / "notebooks/06_pipe.html").read_text(encoding="utf-8")
    # {chapter}`05_queue`, a real link numbered from the chapter's title (book/_ext/chapter_ref.py)
    assert '<a class="reference internal" href="05_queue.html"><span class="doc">chapter 5</span></a>' in ch6


def test_repository_issue_and_edit_buttons_point_at_the_repository(tmp_path_factory):
    page = (build(tmp_path_factory).check() / "notebooks/04_pool.html").read_text(encoding="utf-8")
    assert f'href="{REPOSITORY}"' in page
    assert f'href="{REPOSITORY}/issues/new?title=Issue%20on%20page%20%2Fnotebooks/04_pool.html' in page
    assert f'href="{REPOSITORY}/edit/main/notebooks/04_pool.ipynb"' in page
    # no launch buttons: hosted notebooks (Binder, Colab) run Linux (book/setup.md says so)
    assert "launch-buttons" not in page and "logo_binder" not in page and "logo_colab" not in page


def test_the_repository_address_comes_from_github_actions_or_the_override():
    assert repository_url({}) is None  # a reader's own build: no buttons
    assert repository_url({"GITHUB_REPOSITORY": "a/b"}) == "https://github.com/a/b"
    assert (
        repository_url({"GITHUB_SERVER_URL": "https://ghe.example", "GITHUB_REPOSITORY": "a/b"})
        == "https://ghe.example/a/b"
    )
    assert (
        repository_url({"SPAWNSAFE_REPOSITORY_URL": "https://gitlab.com/a/b/", "GITHUB_REPOSITORY": "c/d"})
        == "https://gitlab.com/a/b"
    )


def test_a_notebook_nbval_ran_is_not_executed_again(tmp_path_factory):
    """Each notebook runs once per session: the build reuses what nbval ran (conftest.py)."""
    b = build(tmp_path_factory)
    log = b.result.stdout + b.result.stderr
    ran = {p.stem for p in EXECUTED.glob("*.ipynb")}
    executed = set(re.findall(r"([\w]+)\.ipynb: Executing notebook", log))
    cached = set(re.findall(r"([\w]+)\.ipynb: Using cached notebook", log))
    assert executed | cached == {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}, log[-3000:]
    assert cached == ran and not executed & ran, (sorted(ran), sorted(executed))


def shown_outputs(page_html):
    """The text of each output block a reader sees without opening anything (not in a dropdown)."""
    out = []
    for m in re.finditer(r"<pre[^>]*>(.*?)</pre>", page_html, re.S):
        before = page_html[: m.start()]
        is_output = before.rfind('class="cell_output') > before.rfind('class="cell_input')
        folded = before.count("<details") > before.count("</details>")
        if is_output and not folded:
            out.append(re.sub(r"<[^>]+>", "", m[1]))
    return out


def test_outputs_are_short_and_print_no_json(tmp_path_factory):
    """A student reads every output: none over 60 lines, none a raw ``json:`` line (a figure or a
    summary shows it; the full text may sit in a dropdown)."""
    html = build(tmp_path_factory).check()
    problems = []
    for page in sorted((html / "notebooks").glob("*.html")):
        for block in shown_outputs(page.read_text(encoding="utf-8")):
            lines = block.splitlines()
            if len(lines) > 60:
                problems.append(f"{page.name}: {len(lines)} lines, starting {lines[0][:60]!r}")
            problems += [f"{page.name}: prints {line[:60]!r}" for line in lines if line.startswith("json:")]
    assert not problems, "\n".join(problems)


def test_the_chinese_edition_builds_from_the_same_execution_and_shows_the_same_outputs(tmp_path_factory):
    """Built with -W from the catalogs in locales/ (book/_ext/editions.py), reusing the English build's
    executed notebooks: no notebook runs again, and every output is the English one, byte for byte."""
    chinese = build(tmp_path_factory, "zh_CN")
    html = chinese.check()
    log = chinese.result.stdout + chinese.result.stderr
    assert "Executing notebook" not in log
    english = build(tmp_path_factory).check()
    for page in ["notebooks/01_start_methods.html", "notebooks/05_queue.html", "book/atlas/pools.html"]:
        zh = (html / page).read_text(encoding="utf-8")
        assert 'lang="zh-CN"' in zh or 'lang="zh_CN"' in zh, page
        assert shown_outputs(zh) == shown_outputs((english / page).read_text(encoding="utf-8")), page
    intro = (html / "book/intro.html").read_text(encoding="utf-8")
    assert "第一部分" in intro  # a part caption of the table of contents, translated
