"""examples_scripts/explain_error.py, as a reader runs it: a file, standard input, --text; exit 0 or 1.

That it names the right entry first for every demo's real output is checked beside the demos, in
tests/test_ch13_error_index.py (test_explain_error_names_the_entry_first_for_its_demo_output).
"""

import subprocess
import sys

from conftest import ROOT

SCRIPT = ROOT / "examples_scripts" / "explain_error.py"
TRACEBACK = """Traceback (most recent call last):
  File "C:\\\\Users\\\\ana\\\\jobs\\\\report.py", line 12, in <module>
    pool.apply_async(square, (2,))
  File "C:\\\\Python313\\\\Lib\\\\multiprocessing\\\\pool.py", line 453, in apply_async
    self._check_running()
ValueError: Pool not running
"""


def explain(*args, stdin=None):
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        cwd=ROOT,
    )


def test_a_traceback_in_a_file_gets_its_entry_first_with_cause_fix_demo_and_page(tmp_path):
    path = tmp_path / "traceback.txt"
    path.write_text(TRACEBACK, encoding="utf-8")
    r = explain(str(path))
    assert r.returncode == 0, r.stderr
    first = r.stdout.split("\n\n")[1]
    assert first.startswith("ValueError: Pool not running\n"), r.stdout
    for part in ("When:", "Cause:", "Fix:", "Demo:  python examples_scripts/atlas/demos/", "Read:  book/atlas/pools"):
        assert part in first, (part, first)


def test_standard_input_and_text_give_the_same_answer():
    piped = explain("-", stdin=TRACEBACK)
    given = explain("--text", "ValueError: Pool not running")
    assert piped.returncode == given.returncode == 0
    assert piped.stdout.split("\n\n")[1] == given.stdout.split("\n\n")[1]


def test_an_error_the_atlas_does_not_know_exits_1_and_points_at_the_index():
    r = explain("--text", "KeyError: 'price'")
    assert r.returncode == 1
    assert "No entry of the error atlas matches" in r.stdout and "book/error_index.md" in r.stdout


def test_no_input_is_a_usage_error():
    r = explain()
    assert r.returncode == 2 and "usage:" in r.stderr
