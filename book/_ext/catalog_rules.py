"""What a translation in locales/ must keep of its English: the rules the tests and translators apply.

``problems(msgid, msgstr)`` lists what is wrong with one translation: its bold, italics or code
spans differ as CommonMark reads them, or it drops or changes a role's
target (``{doc}`…```, ``{ref}`…```, ``{term}`…```, a role's display text may be translated), an
inline code span (copied unchanged), a link's target or a substitution, or it would be read as a
list (a numbered title: ``1\\. …``). ``check_file(path)`` adds empty and fuzzy entries.
``python book/_ext/catalog_rules.py FILE.po ...`` prints the problems of each file, or "ok".
"""

import re
import sys
from collections import Counter

ROLE = re.compile(r"\{([\w:-]+)\}`([^`]*)`")
CODE = re.compile(r"``?[^`]+?``?")
LINK = re.compile(r"\]\(([^)\s]+)\)")
SUBSTITUTION = re.compile(r"\{\{[^}]*\}\}")
LIST_START = re.compile(r"^\d+\.\s")


def role_targets(text):
    """Counter of (role, target): the target is what is inside <...>, or the whole text."""
    out = Counter()
    for name, body in ROLE.findall(text):
        m = re.fullmatch(r"(?s).*<([^<>]+)>\s*", body)
        out[(name, (m[1] if m else body).strip())] += 1
    return out


def emphasis(text):
    """How many bold, italic and code spans CommonMark sees: a ``**`` that touches full-width
    punctuation on one side and a Chinese character on the other opens or closes nothing, and the
    page shows the asterisks."""
    from markdown_it import MarkdownIt

    counts = Counter()
    for block in MarkdownIt("commonmark").parseInline(text):
        for token in block.children or []:
            if token.type in ("strong_open", "em_open", "code_inline"):
                counts[token.type] += 1
    return counts


def problems(msgid, msgstr):
    found = []
    if emphasis(msgid) != emphasis(msgstr):
        found.append(
            f"bold, italics or code spans differ as CommonMark reads them: {dict(emphasis(msgid))} vs "
            f"{dict(emphasis(msgstr))} (put full-width punctuation outside the ** markers)"
        )
    if role_targets(msgid) != role_targets(msgstr):
        english, translated = sorted(role_targets(msgid).elements()), sorted(role_targets(msgstr).elements())
        found.append(f"roles differ: {english} vs {translated}")
    plain_id, plain_str = ROLE.sub("", msgid), ROLE.sub("", msgstr)
    if Counter(CODE.findall(plain_id)) != Counter(CODE.findall(plain_str)):
        found.append(f"inline code differs: {sorted(CODE.findall(plain_id))} vs {sorted(CODE.findall(plain_str))}")
    if Counter(LINK.findall(msgid)) != Counter(LINK.findall(msgstr)):
        found.append("link targets differ")
    if Counter(SUBSTITUTION.findall(msgid)) != Counter(SUBSTITUTION.findall(msgstr)):
        found.append("substitutions differ")
    if LIST_START.match(msgstr) and not LIST_START.match(msgid):
        found.append("starts like a numbered list item: escape the dot (1\\. ...)")
    if LIST_START.match(msgstr) and LIST_START.match(msgid):
        found.append("a title that starts with a number and a dot is read as a list: write 1\\. ...")
    return found


def check_file(path):
    import polib

    out = []
    for e in polib.pofile(str(path)):
        if e.obsolete:
            out.append(f"obsolete entry (run sphinx-intl update): {e.msgid[:60]!r}")
        elif "fuzzy" in e.flags:
            out.append(f"fuzzy: {e.msgid[:60]!r}")
        elif not e.msgstr.strip():
            out.append(f"untranslated: {e.msgid[:60]!r}")
        else:
            out += [f"{p}: {e.msgid[:60]!r}" for p in problems(e.msgid, e.msgstr)]
    return out


if __name__ == "__main__":
    for name in sys.argv[1:]:
        found = check_file(name)
        print(f"{name}: ok" if not found else f"{name}: {len(found)} problem(s)\n  " + "\n  ".join(found))
