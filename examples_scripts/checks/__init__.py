"""What each chapter's runs must show: one module per chapter, named after its notebook.

``checks/shared_memory.py`` holds the assertions about the scripts that
``notebooks/08_shared_memory.ipynb`` runs. The chapter's hidden check cells and its tests in
``tests/`` call the same functions, so an expected line is written down once.
"""


def shown(r, tail=None):
    """A finished run as a terminal showed it, for an assertion's message (with ``tail``, the end of
    each stream only)."""
    out, err = (r.stdout, r.stderr) if tail is None else (r.stdout[-tail:], r.stderr[-tail:])
    return f"\n$ {r.args}\n[exit status {r.returncode}]\n--- stdout ---\n{out}--- stderr ---\n{err}"
