"""The book builds from a cold cache with warnings as errors (every notebook executed)."""
import subprocess
import sys
import sysconfig
from pathlib import Path

from conftest import ROOT

EXE = ".exe" if sys.platform == "win32" else ""


def tool(name):
    """A console script of this environment: on Windows its Scripts folder is often not on PATH."""
    return str(Path(sysconfig.get_path("scripts")) / (name + EXE))


def test_book_builds_without_warnings(tmp_path):
    r = subprocess.run([tool("jupyter-book"), "build", str(ROOT), "-W", "--keep-going",
                        "--path-output", str(tmp_path)],
                       capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=540)
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-6000:]
    html = tmp_path / "_build" / "html"
    for page in ["book/intro.html", "notebooks/01_start_methods.html", "notebooks/02_main_guard.html"]:
        assert (html / page).is_file(), page
    ch2 = (html / "notebooks/02_main_guard.html").read_text(encoding="utf-8")
    assert "finished its bootstrapping phase" in ch2            # the real error, executed at build time
    ch1 = (html / "notebooks/01_start_methods.html").read_text(encoding="utf-8")
    assert "<img" in ch1 and "logical cores" in ch1            # the start-up plot and its machine
