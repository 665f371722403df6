"""Python-Markdown extension: renders ``::: name`` blocks and drops trainer-only ones from the learner edition.

It is the only way interactive and data-driven blocks enter pages, so any generator that runs
Python-Markdown extensions (MkDocs, Zensical) renders the same pages.

```yaml
markdown_extensions:
  - peer_curriculum.markdown_ext:
      root: .
      edition: learner
```
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from peer_curriculum.blocks import iter_blocks
from peer_curriculum.cache import cached_curriculum
from peer_curriculum.edition import check_edition
from peer_curriculum.render import BlockError, render_block

# A "mkdocs." logger name makes `mkdocs build --strict` fail on our warnings without importing MkDocs.
log = logging.getLogger("mkdocs.peer_curriculum")

WIDGET_STARTS = ('<form class="peer-quiz"', '<div class="peer-scenario"')
"""Opening tags of the self-contained widgets that go into pages untouched."""
WIDGET_OPEN = "<!--peer-widget-->"
WIDGET_CLOSE = "<!--/peer-widget-->"
"""Around each widget, so the site plugin can set widgets aside while search indexes a page."""
BLOCK_OPEN = "peer-curriculum-block-output-begins"
BLOCK_CLOSE = "peer-curriculum-block-output-ends"
"""Paragraphs around each block's output, so the tree step below knows which elements are ours; it removes them."""

CORE_INLINE_PATTERNS = frozenset(
    {
        "backtick", "escape", "reference", "link", "image_link", "image_reference", "short_reference", "short_image_ref",
        "autolink", "automail", "linebreak", "html", "entity", "not_strong", "em_strong", "em_strong2",
    }
)  # fmt: skip
"""Python-Markdown's own inline patterns: none of them can match text free of `INLINE_TRIGGERS`."""
INLINE_TRIGGERS = re.compile(r"[\\`*_\[\]<>&!\x02\x03]|  \n")
"""What a core inline pattern needs to match: a Markdown or HTML character, a placeholder, or a hard line break."""


class BlockPreprocessor(Preprocessor):
    """Replaces each ``::: name`` ... ``:::`` block with its rendered Markdown."""

    def __init__(self, md: Markdown, root: Path, edition: str) -> None:
        super().__init__(md)
        self.root = root
        self.edition = edition

    def run(self, lines: list[str]) -> list[str]:  # noqa: D102
        blocks = list(iter_blocks(lines))
        if not blocks:
            return lines
        curriculum = cached_curriculum(self.root)
        output: list[str] = []
        cursor = 0
        noted = False  # has the page given a content note yet?
        for block in blocks:
            output.extend(lines[cursor : block.start])
            if block.end is None:
                log.warning("block `::: %s` is not closed; add a line `:::` after its content", block.name)
            try:
                rendered = render_block(curriculum, block, self.edition, page_has_content_note=noted)
            except BlockError as error:
                log.warning("%s", error)
                rendered = f"**Block error:** {error}"
            output.extend(["", BLOCK_OPEN, "", *self._stash_widgets(rendered).splitlines(), "", BLOCK_CLOSE, ""])
            noted = noted or block.name == "content-note"
            cursor = (block.end if block.end is not None else len(lines) - 1) + 1
        output.extend(lines[cursor:])
        return output

    def _stash_widgets(self, rendered: str) -> str:
        """Hand finished widget HTML (quiz forms, scenario players) to Markdown's stash as it is.

        They are complete, escaped HTML built by the library; letting Markdown re-parse them as raw
        HTML cost more than rendering them.
        """
        paragraphs = rendered.split("\n\n")
        for index, paragraph in enumerate(paragraphs):
            if paragraph.startswith(WIDGET_STARTS):
                paragraphs[index] = self.md.htmlStash.store(f"{WIDGET_OPEN}{paragraph}{WIDGET_CLOSE}")
        return "\n\n".join(paragraphs)


class PlainTextTreeprocessor(Treeprocessor):
    """Spares the plain text of our blocks' output from inline parsing, and removes the block markers.

    A glossary or a scenario's role cards are hundreds of short plain-text nodes; Python-Markdown
    tries each inline pattern on each of them, which made those pages several times slower to
    render than a lesson. Text without any character an inline pattern needs comes out of that
    step unchanged, so marking it atomic changes nothing in the page. When another extension has
    added inline patterns (whose triggers we do not know), every node goes through them as usual.
    """

    def run(self, root: Element) -> None:  # noqa: D102
        spare_plain_text = all(name in CORE_INLINE_PATTERNS for name in _pattern_names(self.md))
        for parent in list(root.iter()):
            inside = False
            markers = []
            for child in parent:
                marker = child.text if child.tag == "p" and len(child) == 0 else None
                if marker in (BLOCK_OPEN, BLOCK_CLOSE):
                    inside = marker == BLOCK_OPEN
                    markers.append(child)
                elif inside and spare_plain_text:
                    _mark_plain_text(child)
            for marker_paragraph in markers:
                parent.remove(marker_paragraph)


def _pattern_names(md: Markdown) -> list[str]:
    return [item.name for item in md.inlinePatterns._priority]  # the registry has no public list of names


def _mark_plain_text(element: Element) -> None:
    for node in element.iter():
        if node.text and not INLINE_TRIGGERS.search(node.text):
            node.text = AtomicString(node.text)
        if node is not element and node.tail and not INLINE_TRIGGERS.search(node.tail):
            node.tail = AtomicString(node.tail)


class PeerCurriculumExtension(Extension):
    """Registers the block preprocessor (and ``md_in_html``, which its output relies on)."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "root": [".", "Folder holding curriculum/ and modules/."],
            "edition": ["learner", "`learner` (no trainer-only content) or `trainer`."],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802, D102
        edition = check_edition(str(self.getConfig("edition")))
        # Our output relies on these; load only the ones the site's configuration has not loaded already.
        loaded = {type(extension).__module__.rsplit(".", 1)[-1] for extension in md.registeredExtensions}
        md.registerExtensions([name for name in ("md_in_html", "attr_list", "def_list", "tables") if name not in loaded], {})
        # Before md_in_html's raw-HTML preprocessor (priority 20), so our containers are parsed as HTML.
        md.preprocessors.register(BlockPreprocessor(md, Path(str(self.getConfig("root"))), edition), "peer_blocks", 25)
        # Just before the inline patterns (priority 20) run.
        md.treeprocessors.register(PlainTextTreeprocessor(md), "peer_plain_text", 21)


def makeExtension(**kwargs: Any) -> PeerCurriculumExtension:  # noqa: N802
    """Entry point for Python-Markdown."""
    return PeerCurriculumExtension(**kwargs)
