"""The Simplified Chinese edition's catalogs (locales/zh_CN/LC_MESSAGES): complete, in step, markup intact.

The English pages are the source. Sphinx's gettext builder extracts their text (one catalog per
page: gettext_compact is off); here it runs into a temporary folder, without executing anything,
and every catalog must have a .po whose entries are exactly the English ones: a new paragraph is an
untranslated entry, a removed one a stale entry, and both fail. Every entry is translated, none is
fuzzy (a fuzzy entry silently falls back to English, even with -W), and each keeps its English
roles' targets, inline code, link targets and substitutions, and no title reads as a list
(book/_ext/catalog_rules.py). GNU gettext's ``msgfmt`` checks the files' syntax where it is
installed (.ci/run installs it). The translator's loop is in README.md.
"""

import os
import shutil
import subprocess

import polib
import pytest
import yaml
from book_build import tool

from book._ext import catalog_rules, editions
from conftest import ROOT

LOCALE = ROOT / "locales" / "zh_CN" / "LC_MESSAGES"
CATALOGS = sorted(LOCALE.rglob("*.po"))


@pytest.fixture(scope="module")
def templates(tmp_path_factory):
    """The English pages' catalogs (.pot), extracted now by Sphinx's gettext builder (no execution)."""
    out = tmp_path_factory.mktemp("gettext")
    config = editions.derived("zh_CN")
    config["execute"]["execute_notebooks"] = "off"  # gettext reads the text, not the outputs
    (out / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    r = subprocess.run(
        [tool("jupyter-book"), "build", str(ROOT), "--config", str(out / "_config.yml"), "--path-output", str(out)]
        + ["--builder", "custom", "--custom-builder", "gettext"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=600,
    )
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    folder = out / "_build" / "gettext"
    return {p.relative_to(folder).with_suffix("").as_posix(): polib.pofile(str(p)) for p in folder.rglob("*.pot")}


def test_every_page_has_a_catalog_and_no_catalog_is_left_over(templates):
    pages = set(templates) - {"sphinx"}
    catalogs = {p.relative_to(LOCALE).with_suffix("").as_posix() for p in CATALOGS}
    assert not pages - catalogs, f"pages with no catalog (run sphinx-intl update): {sorted(pages - catalogs)}"
    assert not catalogs - pages, f"catalogs of no page: {sorted(catalogs - pages)}"


def test_every_catalog_is_in_step_with_the_english(templates):
    problems = []
    for page, pot in sorted(templates.items()):
        if page == "sphinx":
            continue
        po = polib.pofile(str(LOCALE / f"{page}.po"))
        english = {e.msgid for e in pot if e.msgid}
        translated = {e.msgid for e in po if not e.obsolete}
        problems += [f"{page}: new English, not in the catalog: {m[:70]!r}" for m in sorted(english - translated)]
        problems += [f"{page}: stale (no longer in the English): {m[:70]!r}" for m in sorted(translated - english)]
    assert not problems, f"{len(problems)} entries out of step (run the translator's loop in README.md):\n" + "\n".join(
        problems[:80]
    )


@pytest.mark.parametrize("catalog", CATALOGS, ids=lambda p: p.relative_to(LOCALE).as_posix())
def test_every_entry_is_translated_and_keeps_its_markup(catalog):
    problems = catalog_rules.check_file(catalog)
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:60])


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext's msgfmt is missing (apt install gettext)")
def test_msgfmt_accepts_every_catalog():
    for catalog in CATALOGS:
        # --check without --check-format: Babel marks prose such as "10% of its time" python-format
        command = ["msgfmt", "--check-header", "--check-domain", "-o", os.devnull, str(catalog)]
        r = subprocess.run(command, capture_output=True, text=True, timeout=60)
        assert r.returncode == 0, f"{catalog}: {r.stderr}"


def test_the_terms_have_one_chinese_word_each():
    """locales/zh_CN/TERMS.md: the translators' glossary, one row per English term, none twice."""
    text = (ROOT / "locales" / "zh_CN" / "TERMS.md").read_text(encoding="utf-8")
    rows = [r for r in text.splitlines() if r.startswith("| ")]
    english = [r.split("|")[1].strip() for r in rows[2:]]
    assert len(english) > 40 and len(english) == len(set(english))
    words = (ROOT / "locales" / "zh_CN" / "jieba_dict.txt").read_text(encoding="utf-8").split()
    for word in ("进程", "子进程", "启动方法", "主模块", "序列化", "进程池", "共享内存"):
        assert word in words, f"the search's dictionary lacks {word}"
