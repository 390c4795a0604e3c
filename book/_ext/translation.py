"""The two editions, English and Simplified Chinese, side by side: each page links to itself in the other.

The English edition is published at the site's root, the Chinese one under ``zh/`` (built with the
configuration book/_ext/editions.py derives from _config.yml). At the top of every page a link
leads to the same page in the other language. In the Chinese edition this also translates what
Sphinx's own translation step misses: the part captions of the table of contents, which
sphinx-external-toc adds after that step (their translations are in the root page's catalog),
the anchors of translated headings, which stay the English ones, and the exercises' subtitles.
"""

import re
from functools import cache
from pathlib import Path

from docutils import nodes
from myst_parser.mdit_to_docutils.base import default_slugify
from sphinx import addnodes
from sphinx.locale import init as init_catalog
from sphinx.transforms import SphinxTransform

LOCALES = Path(__file__).resolve().parents[2] / "locales"

FOLDER = {"zh_CN": "zh"}  # where each translated edition is published, under the site's root
LABEL = {"en": "中文", "zh_CN": "English"}  # the link's text: the other edition's name, in its own language


def is_translation(config):
    return (config.language or "en") in FOLDER


def on_page_context(app, pagename, templatename, context, doctree):
    if doctree is None or "body" not in context:
        return
    depth = pagename.count("/")
    if is_translation(app.config):
        href = "../" * (depth + 1) + pagename + ".html"
        lang = "en"
    else:
        href = "../" * depth + f"{FOLDER['zh_CN']}/{pagename}.html"
        lang = "zh-CN"
    switch = (
        f'<p class="language-switch"><a class="reference external" href="{href}" hreflang="{lang}" '
        f'lang="{lang}">{LABEL[app.config.language or "en"]}</a></p>\n'
    )
    context["body"] = switch + context["body"]


def translate_captions(app, doctree):
    """Part captions in the Chinese edition, from the root document's catalog."""
    if not is_translation(app.config):
        return
    translator, has = init_catalog(
        [str(d) for d in app.config.locale_dirs], app.config.language, app.config.root_doc.replace("/", "/")
    )
    if not has:
        return
    for toctree in doctree.findall(addnodes.toctree):
        caption = toctree.get("caption")
        if caption:
            toctree["caption"] = translator.gettext(caption)
    for caption in doctree.findall(nodes.caption):
        text = caption.astext()
        translated = translator.gettext(text)
        if translated != text:
            caption.children = [nodes.Text(translated)]


def plain(text):
    """A heading's text as MyST hands it to the slug function: no markup, no escapes."""
    return re.sub(r"\\(.)", r"\1", text.replace("`", "").replace("**", "").replace("*", "")).strip()


@cache
def english_headings(language="zh_CN"):
    """{translated heading: English heading} from every catalog of the language."""
    import polib

    out = {}
    for path in sorted((LOCALES / language / "LC_MESSAGES").rglob("*.po")):
        for entry in polib.pofile(str(path)):
            if entry.msgstr and "\n" not in entry.msgid:
                out.setdefault(plain(entry.msgstr), plain(entry.msgid))
    return out


def restore_slugs(app, doctree):
    """In a translated edition, the heading anchors a link like ``[text](page.ipynb#a-heading)``
    points at are the English ones: rebuilt here from the translated sections' English titles.
    (Sphinx re-parses each translated message on its own, and MyST then keeps only the anchors of
    the last translated heading, so without this every such link is broken.)"""
    if not is_translation(app.config):
        return
    slugs = {}
    for section in doctree.findall(nodes.section):
        if not section.children or not isinstance(section[0], nodes.title) or not section["ids"]:
            continue
        title = section[0].astext()
        english = english_headings(app.config.language).get(plain(title), title)
        slug = default_slugify(english)
        slugs.setdefault(slug, (section.line, section["ids"][0], title))
    app.env.metadata[app.env.docname]["myst_slugs"] = slugs


class TranslatableExerciseTitles(SphinxTransform):
    """The subtitles of sphinx-exercise's {exercise} directives ("Keep the good results") carry no
    source, so Sphinx neither extracts them for translation nor translates them: give them their
    directive's source and line, before Sphinx's translation step (priority 20)."""

    default_priority = 15

    def apply(self, **kwargs):
        for node in self.document.findall(nodes.subtitle):
            if node.source is None:
                parent = node.parent.parent if node.parent is not None else None
                node.source = self.document["source"]
                node.line = getattr(parent, "line", None) or 1
                node.rawsource = node.rawsource or node.astext()  # the message Sphinx translates
                if parent is not None:  # sphinx-exercise rebuilds the title later: keep it for gettext
                    parent["spawnsafe_subtitle"] = (node.rawsource, node.source, node.line)


def extract_exercise_titles(app, doctree, docname):
    """For the gettext builder only: sphinx-exercise has rebuilt each exercise's title by now, so the
    subtitle is offered for extraction as a paragraph of its own (the builder writes no page)."""
    if app.builder.name != "gettext":
        return
    for node in doctree.findall(lambda n: isinstance(n, nodes.Element) and "spawnsafe_subtitle" in n):
        text, source, line = node["spawnsafe_subtitle"]
        paragraph = nodes.paragraph(text, text)
        paragraph.source, paragraph.line = source, line
        paragraph.uid = ""  # the gettext builder takes only nodes with a uid (set while reading)
        node += paragraph


def setup(app):
    app.add_transform(TranslatableExerciseTitles)
    app.connect("doctree-resolved", extract_exercise_titles)
    app.connect("html-page-context", on_page_context)
    app.connect("doctree-read", translate_captions)
    app.connect("doctree-read", restore_slugs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
