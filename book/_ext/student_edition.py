"""Student edition: the book without exercise solutions.

Build it with the environment variable SPAWNSAFE_EDITION set to ``student``::

    SPAWNSAFE_EDITION=student jupyter-book build . --path-output _build/student      # bash, zsh
    $env:SPAWNSAFE_EDITION="student"; jupyter-book build . --path-output _build/student  # PowerShell

sphinx-exercise's own ``hide_solutions`` crashes the build on gated solutions
(``solution-start``/``solution-end``: "unknown node type: solution_end_node",
executablebooks/sphinx-exercise#89), and every chapter gates its solutions so that their code
cells run. This extension removes each solution, code cells included, after sphinx-exercise
has merged the gated pieces into one node. The exercises stay.
"""

import os

from sphinx_exercise.nodes import solution_node


def drop_solutions(app, doctree):
    if not app.config.student_edition:
        return
    for node in list(doctree.findall(solution_node)):
        node.parent.remove(node)


def setup(app):
    app.add_config_value("student_edition", os.environ.get("SPAWNSAFE_EDITION") == "student", "env")
    app.connect("doctree-read", drop_solutions)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
