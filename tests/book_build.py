"""One build of the book per test session, shared by test_book, test_reader_pages and test_site.

``build(tmp_path_factory)`` builds the full book into _build/tests/full (warnings as errors)
the first time it is called, and returns that result afterwards. Each notebook that nbval has
already run in this session, every cell passing (conftest.py runs them first, on the same
worker, and leaves them in EXECUTED), goes into the build's execution cache with nbval's
outputs; the build executes only the others (all of them when the notebooks are not part of
the run, e.g. ``python -m pytest tests/test_book.py``).
``build(..., "student")`` builds the student edition (book/_ext/student_edition.py), and
``build(..., "zh_CN")`` the Simplified Chinese one (book/_ext/editions.py), each from the full
build's execution cache, so no notebook runs twice. conftest.py keeps the three test files
on one xdist worker, so the session builds each edition once.
"""

import os
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import nbformat
import yaml

from book._ext import editions
from book._ext.repository import repository_url
from conftest import EXECUTED, ROOT

EXE = ".exe" if sys.platform == "win32" else ""
# where the buttons point: GitHub Actions' own repository there, an example one elsewhere
REPOSITORY = repository_url() or "https://github.com/example/spawn-safe-multiprocessing"
_BUILDS = {}


def tool(name):
    """A console script of this environment: on Windows its Scripts folder is often not on PATH."""
    return str(Path(sysconfig.get_path("scripts")) / (name + EXE))


@dataclass
class Build:
    out: Path  # --path-output: the HTML is in out/_build/html
    result: subprocess.CompletedProcess

    @property
    def html(self):
        return self.out / "_build" / "html"

    def check(self):
        """Fail with the end of the build log unless the build succeeded."""
        r = self.result
        log = r.stdout + r.stderr
        warnings = "\n".join(line for line in log.splitlines() if "WARNING" in line or "ERROR" in line)
        assert r.returncode == 0, warnings[-6000:] + "\n...\n" + log[-4000:]
        return self.html


def build(tmp_path_factory, edition="full"):
    if edition not in _BUILDS:
        # Under the book's own _build/ (git-ignored, replaced by the next run), not in the system
        # temp folder: on Windows that can be another drive than the checkout (GitHub: C: and D:),
        # and Jupyter Book then fails with "ValueError: path is on mount 'C:', start on mount 'D:'".
        out = ROOT / "_build" / "tests" / edition
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        env = {k: v for k, v in os.environ.items() if k != "SPAWNSAFE_EDITION"}
        env["SPAWNSAFE_REPOSITORY_URL"] = REPOSITORY  # the buttons of book/_ext/repository.py
        config = []
        if edition in ("student", "zh_CN"):
            if edition == "student":
                env["SPAWNSAFE_EDITION"] = "student"
            else:  # the Chinese edition: _config.yml with its language and catalogs (book/_ext/editions.py)
                derived = out / "_config.yml"
                derived.write_text(yaml.safe_dump(editions.derived(edition), allow_unicode=True), encoding="utf-8")
                config = ["--config", str(derived)]
            cache = build(tmp_path_factory).out / "_build" / ".jupyter_cache"
            if cache.is_dir():  # reuse the executed notebooks
                shutil.copytree(cache, out / "_build" / ".jupyter_cache")
        else:
            seed_cache(out / "_build" / ".jupyter_cache")
        r = subprocess.run(
            [tool("jupyter-book"), "build", str(ROOT), "-W", "--keep-going", "--path-output", str(out), *config],
            env=env,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=1500,
        )  # Windows (and Wine) start processes slowly
        (out / "build.log").write_text(r.stdout + r.stderr, encoding="utf-8")  # for a reader of a failure
        _BUILDS[edition] = Build(out, r)
    return _BUILDS[edition]


def seed_cache(path):
    """Put nbval's executed notebooks into a jupyter-cache at ``path``, as a build would have.

    myst-nb looks a notebook up by a hash of its code cells' sources and its kernelspec, so a
    notebook whose code changed since nbval ran it is executed again by the build."""
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    cache = get_cache(path)
    for executed in sorted(EXECUTED.glob("*.ipynb")):
        nb = nbformat.read(executed, as_version=4)
        cache.cache_notebook_bundle(
            CacheBundleIn(nb, str(ROOT / "notebooks" / executed.name)), check_validity=False, overwrite=True
        )
