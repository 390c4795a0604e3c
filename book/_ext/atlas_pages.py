"""The error atlas's pages, written from its data (examples_scripts/atlas/data/*.toml) as Sphinx reads them.

A page under ``book/atlas/`` holds its title, a short introduction and the line ``% atlas-entries``:
that line becomes the entries of the page's area (the page's file name), one section each, with its
label, so ``{ref}`err-pool-not-running``` links to one entry. In ``book/error_index.md`` the line
``% atlas-symptoms`` becomes the "find your symptom" index of every entry, grouped by what the reader
sees. The pages depend on their data file: editing it rebuilds them.

The site's search learns the atlas too: ``atlas_data.js`` holds each entry's identifying lines as
regular expressions (the ones ``examples_scripts/explain_error.py`` uses), and ``atlas_search.js``
puts the entries a pasted message matches at the top of the search results, whatever path, address
or process id the reader's run printed.
"""

import json
import sys
from pathlib import Path

from myst_parser.mdit_to_docutils.base import default_slugify

ROOT = Path(__file__).resolve().parents[2]
STATIC = Path(__file__).with_name("static")
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from examples_scripts.atlas import entries as atlas  # noqa: E402


def fence(text):
    """A backtick fence longer than any run of backticks in text."""
    longest = max((len(run) for run in text.split("\n") if set(run) == {"`"}), default=0)
    return "`" * max(3, longest + 1)


def render_entry(entry):
    """An entry as MyST: the message, the failing and the fixed lines, then why, where taught, the demo."""
    out = [f"({entry['id']})=", f"## `{entry['title']}`", ""]
    for key, caption in (("before", "Fails"), ("after", "Works")):
        if entry.get(key):
            code = entry[key].strip("\n")
            out += [f"```{{code-block}} python\n:caption: {caption}\n\n{code}\n```", ""]
    prose = " ".join(
        f"**{name}:** {entry[key]}"
        for key, name in (("when", "When"), ("cause", "Cause"), ("fix", "Fix"))
        if entry[key].strip()
    )
    out += [prose, ""]
    shown = f"**Shown in** {{doc}}`/notebooks/{entry['chapter']}`"
    if entry.get("section"):
        slug = default_slugify(entry["section"])
        shown += f", section [*{entry['section']}*](/notebooks/{entry['chapter']}.ipynb#{slug})"
    out += [shown + ".", ""]
    for demo in entry["demo"]:
        body = f"$ {demo['command']}\n{demo['output']}"
        f = fence(body)
        out += [f"{f}{{code-block}} text\n:class: error-demo\n:caption: {demo['where']}\n\n{body}\n{f}", ""]
    return "\n".join(out)


def render_area(area):
    return "\n".join(render_entry(e) for e in atlas.load().values() if e["area"] == area)


def render_symptoms():
    out = []
    for kind, sentence in atlas.KINDS.items():
        first, rest = sentence.split(". ", 1)
        out += [f"**{first}.** {rest}", ""]
        for area, title in atlas.AREAS.items():
            found = [e for e in atlas.load().values() if e["kind"] == kind and e["area"] == area]
            if found:
                out.append(f"- *{title}*")
                out += [f"  - [`{e['title']}`](#{e['id']})" for e in found]
        out.append("")
    return "\n".join(out)


def render_elsewhere():
    """The messages ordinary code reaches only where the book's tests cannot run (triage "elsewhere")."""
    import tomllib

    triage = tomllib.loads((atlas.DATA.parent / "triage.toml").read_text(encoding="utf-8"))
    out = []
    for r in triage["message"]:
        if r["verdict"] == "elsewhere":
            text = r["text"].replace("{}", "…")
            versions = r["versions"][0] if len(r["versions"]) == 1 else f"{r['versions'][0]}–{r['versions'][-1]}"
            out.append(f"- `{r['name']}: {text}` ({r['module']}, Python {versions}): {r['why']}.")
    return "\n".join(out)


def on_source_read(app, docname, source):
    text = source[0]
    if docname.startswith("book/atlas/") and "% atlas-entries" in text:
        area = docname.rsplit("/", 1)[1]
        if area not in atlas.AREAS:
            raise ValueError(f"{docname}: no atlas area {area!r}; known: {list(atlas.AREAS)}")
        for path in atlas.area_files(area):
            app.env.note_dependency(str(path))
        source[0] = text.replace("% atlas-entries", render_area(area))
    elif "% atlas-symptoms" in text:
        for path in sorted(atlas.DATA.glob("*.toml")):
            app.env.note_dependency(str(path))
        app.env.note_dependency(str(atlas.DATA.parent / "triage.toml"))
        text = text.replace("% atlas-elsewhere", render_elsewhere())
        source[0] = text.replace("% atlas-symptoms", render_symptoms())


def search_data():
    """What atlas_search.js needs: each entry's page, title and identifying lines as JS regexes."""
    return [
        {
            "id": e["id"],
            "doc": f"book/atlas/{e['area']}",
            "first": [atlas.pattern(a).pattern for a in atlas.alternatives(e["match"][0])],
            "firstLengths": [atlas.literal_length(a) for a in atlas.alternatives(e["match"][0])],
            "patterns": [atlas.pattern(m).pattern for m in e["match"][1:]],
            "lengths": [atlas.literal_length(m) for m in e["match"][1:]],
            "title": e["title"],
        }
        for e in atlas.load().values()
    ]


def on_builder_inited(app):
    if app.builder.format != "html":
        return
    out = Path(app.outdir) / "_static"
    out.mkdir(parents=True, exist_ok=True)
    data = json.dumps(search_data(), ensure_ascii=False, indent=0)
    (out / "atlas_data.js").write_text(f"window.ATLAS_ENTRIES = {data};\n", encoding="utf-8")


def on_config_inited(app, config):
    config.html_static_path.append(str(STATIC))


def setup(app):
    app.connect("config-inited", on_config_inited)
    app.connect("builder-inited", on_builder_inited)
    app.connect("source-read", on_source_read)
    app.add_js_file("atlas_data.js")
    app.add_js_file("atlas_search.js")
    return {"parallel_read_safe": True, "parallel_write_safe": True}
