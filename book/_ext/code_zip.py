"""spawn-safe-code.zip: the book's code as one download, linked from the Setting up page.

A chapter downloaded alone cannot run: it starts the scripts in ``../examples_scripts/``.
This extension zips what a reader needs to run every chapter into one folder,
``spawn-safe-code/``: ``notebooks/``, ``examples_scripts/``, ``requirements.txt`` and
``README.md``. No tests, no book sources.

It is built at ``builder-inited``, before Sphinx reads ``book/setup.md``, whose ``{download}``
role then copies it into the HTML (``_downloads/``) like any other file. The zip is written to
``_build/code/`` under the book's folder: git ignores it, and the link in setup.md stays the same
whatever ``--path-output`` says. It is rewritten only when its bytes change, so an unchanged
zip does not make Sphinx read setup.md again.

The zip is the same, byte for byte, from the same sources on any OS: the files are the ones git
tracks (or would track: new files not yet committed), sorted, with a fixed timestamp and LF line
endings (text files), notebooks without outputs. Without git (a source download) the same patterns select
from the folders themselves. The student edition (``SPAWNSAFE_EDITION=student``,
student_edition.py) leaves out ``examples_scripts/solutions/`` and the notebooks' solutions.
"""

import io
import json
import os
import subprocess
import zipfile
from pathlib import Path, PurePosixPath

NAME = "spawn-safe-code.zip"
FOLDER = "spawn-safe-code"  # the zip unpacks into this one folder
ZIP = Path("_build") / "code" / NAME  # under the book's folder; book/setup.md links it
FILES = ("README.md", "requirements.txt")
FOLDERS = ("notebooks", "examples_scripts")  # the chapters (top level only); every script and its data
CACHES = (".pyc", ".pyo")
SOLUTIONS = "examples_scripts/solutions/"
DATE = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold


def wanted(name, student=False):
    """Whether a path (relative, with /) belongs in the zip."""
    path = PurePosixPath(name)
    if name in FILES:
        return True
    top = path.parts[0] if len(path.parts) > 1 else ""
    if top not in FOLDERS or any(part.startswith((".", "__pycache__")) for part in path.parts):
        return False
    if top == "notebooks":
        return len(path.parts) == 2 and path.suffix == ".ipynb"
    return path.suffix not in CACHES and not (student and name.startswith(SOLUTIONS))


def candidates(root):
    """Every file git tracks, or would (not ignored), under the selected paths; without git, all."""
    paths = [*FILES, *FOLDERS]
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", *paths],
            cwd=root,
            capture_output=True,
            check=True,
            timeout=60,
        ).stdout
        return sorted({n for n in out.decode("utf-8").split("\0") if n and (root / n).is_file()})
    except (OSError, subprocess.SubprocessError):  # no git, or not a clone
        found = [p for p in (root / f for f in FILES) if p.is_file()]
        found += [p for folder in FOLDERS for p in (root / folder).rglob("*") if p.is_file()]
        return sorted(p.relative_to(root).as_posix() for p in found)


def files(root, student=False):
    return [name for name in candidates(Path(root)) if wanted(name, student)]


def without_solutions(cells):
    """The cells without the gated solutions: from each ```{solution-start} to the end of its
    ```{solution-end} fence. Text around them in the same cell stays; emptied cells go."""
    kept_cells, inside = [], False
    for cell in cells:
        rest, kept = "".join(cell["source"]), []
        while True:
            if inside:
                if "```{solution-end}" not in rest:
                    break
                rest = rest.split("```{solution-end}", 1)[1].split("```", 1)[1]  # past its closing fence
                inside = False
            elif "```{solution-start}" in rest:
                before, rest = rest.split("```{solution-start}", 1)
                kept.append(before)
                inside = True
            else:
                kept.append(rest)
                break
        text = "".join(kept)
        if text.strip():
            if text != "".join(cell["source"]):
                cell = {**cell, "source": text.strip("\n").splitlines(keepends=True)}
            kept_cells.append(cell)
    return kept_cells


def clean_notebook(data, student=False):
    nb = json.loads(data)
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    if student:
        nb["cells"] = without_solutions(nb["cells"])
    return (json.dumps(nb, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def zip_bytes(root, student=False):
    """The zip, as bytes: the same for the same sources."""
    root, buffer = Path(root), io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in files(root, student):
            data = (root / name).read_bytes()
            if b"\0" not in data:  # text, as git decides: a Windows checkout has CRLF
                data = data.replace(b"\r\n", b"\n")
            if name.endswith(".ipynb"):
                data = clean_notebook(data, student)
            info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # rw-r--r-- when unzipped on Linux and macOS
            info.create_system = 3  # Unix, so that those permissions are read, on any OS
            zf.writestr(info, data)
    return buffer.getvalue()


def write_zip(app):
    if app.builder.format != "html":
        return  # the gettext builder (the Chinese catalogs) offers no download: leave an HTML build's zip alone
    path = Path(app.srcdir) / ZIP
    data = zip_bytes(app.srcdir, student=app.config.student_edition)
    if path.is_file() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f"{NAME}.{os.getpid()}.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)


def setup(app):
    app.setup_extension("student_edition")  # its config value says which edition to zip
    app.connect("builder-inited", write_zip)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
