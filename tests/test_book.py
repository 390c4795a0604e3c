"""The book builds from a cold cache with warnings as errors (every notebook executed).

The build is shared with test_reader_pages.py and test_site.py (tests/book_build.py)."""
import pytest

from book_build import build, tool  # noqa: F401  (tool: test_hygiene imports it from here)

pytestmark = pytest.mark.timeout(1800)  # a cold build executes every notebook: slow on Windows


def test_book_builds_without_warnings(tmp_path_factory):
    html = build(tmp_path_factory).check()
    for page in ["book/intro.html", "notebooks/01_start_methods.html", "notebooks/02_main_guard.html"]:
        assert (html / page).is_file(), page
    ch2 = (html / "notebooks/02_main_guard.html").read_text(encoding="utf-8")
    assert "finished its bootstrapping phase" in ch2            # the real error, executed at build time
    ch1 = (html / "notebooks/01_start_methods.html").read_text(encoding="utf-8")
    assert "<img" in ch1 and "logical cores" in ch1            # the start-up plot and its machine
