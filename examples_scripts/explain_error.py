"""Explain my error: paste a traceback, get the error atlas's entries for it, offline.

Run from the book's root folder:

    python examples_scripts/explain_error.py traceback.txt      # a file
    python examples_scripts/explain_error.py -                  # standard input (a pipe, or paste, then Ctrl-D;
                                                                #   on Windows Ctrl-Z and Enter)
    python examples_scripts/explain_error.py --text "ValueError: Pool not running"

Watch for: the entries best matching first, each with its cause, its fix, the command of the demo
that shows it, and where to read more. The exit code is 0 when an entry matched, 1 when none did
(the error may have nothing to do with multiprocessing: the atlas's index lists what it knows).
The entries come from examples_scripts/atlas/data; paths, addresses and process ids in your
traceback do not matter.
"""

import argparse
import re
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the atlas package beside this script

from atlas import entries as atlas  # noqa: E402

PAGES = "book/atlas"
SHOWN = 3  # entries printed at most


def read_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("file", nargs="?", help="a file holding the traceback, or - for standard input")
    source.add_argument("--text", help="the traceback (or its last line) as an argument")
    return parser.parse_args()


def read(args):
    if args.text is not None:
        return args.text
    if args.file == "-":
        if sys.stdin.isatty():
            print("Paste the traceback, then Ctrl-D (on Windows: Ctrl-Z, then Enter):", file=sys.stderr)
        return sys.stdin.read()
    return Path(args.file).read_text(encoding="utf-8", errors="replace")


def plain(markdown):
    """Markdown as a terminal shows it: no roles, no emphasis marks."""
    text = re.sub(r"\{(?:ref|doc|term|chapter|Chapter)\}`(?:([^`<]*?)\s*<[^`>]*>|([^`]*))`", r"\1\2", markdown)
    return text.replace("**", "").replace("*", "")


def wrap(label, text):
    return textwrap.fill(
        plain(text), width=100, initial_indent=f"  {label:<7}", subsequent_indent=" " * 9, break_on_hyphens=False
    )


def describe(entry):
    demo = entry["demo"][0]["command"]
    lines = [
        f"{entry['title']}",
        wrap("When:", entry["when"]) if entry["when"] else None,
        wrap("Cause:", entry["cause"]) if entry["cause"] else None,
        wrap("Fix:", entry["fix"]) if entry["fix"] else None,
        f"  Demo:  {demo}",
        f"  Read:  {PAGES}/{entry['area']}.md, entry {entry['id']}"
        f" (in the built book: {PAGES}/{entry['area']}.html#{entry['id']})",
    ]
    return "\n".join(line for line in lines if line)


def main():
    args = read_arguments()
    found = atlas.matches(read(args))
    if not found:
        print(
            "No entry of the error atlas matches this text. If it is a multiprocessing error, look it up in the\n"
            "atlas's index (book/error_index.md, 'Find your symptom'); if it is not, the book cannot help with it."
        )
        return 1
    print(f"{len(found)} atlas entr{'y matches' if len(found) == 1 else 'ies match'}; the best first.\n")
    print("\n\n".join(describe(entry) for _, entry in found[:SHOWN]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
