"""``{chapter}`05_queue``: a link that reads "chapter 5", its number taken from the chapter's title.

Prose refers to other chapters through this role rather than by writing their number, so that
renumbering a chapter (renaming its notebook and its title) changes every mention at once. In
the Chinese edition the link reads "第 5 章".
``{Chapter}`` starts a sentence. The target is a document name, relative like ``{doc}``'s
(``../notebooks/05_queue`` from a page in ``book/``). A target whose title does not start with a
number, or that does not exist, is a build warning (an error with ``-W``).
"""

import re

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join, logging

logger = logging.getLogger(__name__)


def chapter_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    env = inliner.document.settings.env
    ref = addnodes.pending_xref(
        rawtext,
        refdomain="std",
        reftype="doc",
        reftarget=text.strip(),  # relative, as {doc} takes it: Sphinx joins it to refdoc
        refexplicit=True,
        refwarn=True,  # a missing target is a warning, as for {doc}
        refdoc=env.docname,
        spawnsafe_chapter=name,  # "chapter" or "Chapter": filled in once every title is known
    )
    ref += nodes.inline(rawtext, text, classes=["xref", "std", "std-doc"])
    return [ref], []


class ChapterNumbers(SphinxPostTransform):
    """Before references are resolved: put "chapter N" from the target's title into each link."""

    default_priority = 5  # sphinx's ReferencesResolver runs at 10

    def run(self, **kwargs):
        for ref in self.document.findall(addnodes.pending_xref):
            word = ref.get("spawnsafe_chapter")
            if not word:
                continue
            title = self.env.titles.get(docname_join(ref["refdoc"], ref["reftarget"]))
            number = re.match(r"(\d+)\.\s", title.astext()) if title is not None else None
            if number is None:
                logger.warning(
                    f"{{chapter}} needs a chapter whose title starts with its number: {ref['reftarget']}", location=ref
                )
                continue
            n = int(number[1])
            chinese = (self.config.language or "en").startswith("zh")
            ref.children[0].children = [nodes.Text(f"第 {n} 章" if chinese else f"{word} {n}")]


def setup(app):
    app.add_role("chapter", chapter_role)
    app.add_role("Chapter", chapter_role)
    app.add_post_transform(ChapterNumbers)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
