"""The Markdown extension: the plain-text shortcut never changes a page, and markers never reach one."""

from __future__ import annotations

import markdown
import pytest

from conftest import ROOT
from peer_curriculum import markdown_ext
from peer_curriculum.edition import module_pages
from peer_curriculum.findings import Reporter
from peer_curriculum.loader import load_curriculum

SITE_EXTENSIONS = ["admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]


def _converter(*extra: str) -> markdown.Markdown:
    return markdown.Markdown(
        extensions=[*SITE_EXTENSIONS, *extra, "peer_curriculum.markdown_ext"],
        extension_configs={"peer_curriculum.markdown_ext": {"root": str(ROOT), "edition": "trainer"}},
    )


def _pages() -> list[str]:
    curriculum = load_curriculum(ROOT, Reporter(ROOT))
    pages = [page.path for page in module_pages(curriculum, "trainer")] + sorted((ROOT / "docs").rglob("*.md"))
    return [path.read_text(encoding="utf-8") for path in pages]


def test_sparing_plain_text_changes_no_page(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = _pages()
    assert len(pages) > 50
    spared = [_converter().convert(text) for text in pages]
    # An empty set of known patterns turns the shortcut off: every node goes through inline parsing.
    monkeypatch.setattr(markdown_ext, "CORE_INLINE_PATTERNS", frozenset())
    parsed = [_converter().convert(text) for text in pages]
    assert spared == parsed


def test_block_markers_never_reach_the_page() -> None:
    html = "".join(_converter().convert(text) for text in _pages())
    assert markdown_ext.BLOCK_OPEN not in html
    assert markdown_ext.BLOCK_CLOSE not in html


def test_another_extensions_inline_patterns_still_see_block_text() -> None:
    """With patterns we do not know (here abbreviations), the shortcut steps aside."""
    page = "::: glossary\n:::\n\n*[Peer]: A person with lived experience\n"
    html = _converter("abbr").convert(page)
    assert '<abbr title="A person with lived experience">Peer</abbr>' in html


def test_block_text_with_markdown_is_still_parsed() -> None:
    html = _converter().convert("::: lessons active-listening\n:::\n")
    assert "<a href=" in html
    assert "[" not in html.split("<a href=", 1)[1].split("</a>", 1)[0]
