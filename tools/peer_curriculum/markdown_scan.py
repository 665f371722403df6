"""Find links, images and heading anchors in Markdown source, with their lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify, unique

from peer_curriculum.blocks import code_fence_mask

INLINE_CODE_RE = re.compile(r"(`+)(?:(?!\1).)+?\1")
LINK_RE = re.compile(r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\]]*\])*)\]\((?P<target><[^>]*>|[^)\s]+)(?:\s+\"[^\"]*\")?\)")
HTML_IMG_RE = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
HTML_ALT_RE = re.compile(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*')", re.IGNORECASE)
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$")
ATTR_ID_RE = re.compile(r"\{[^}]*#(?P<id>[A-Za-z][\w:.-]*)[^}]*\}")
HTML_ID_RE = re.compile(r"\bid\s*=\s*[\"'](?P<id>[^\"']+)[\"']")


@dataclass(frozen=True)
class Link:
    """A Markdown link or image in a page."""

    line: int
    """1-based line within the scanned text."""
    text: str
    target: str
    is_image: bool


@dataclass(frozen=True)
class HtmlImage:
    """A raw HTML ``<img>`` tag."""

    line: int
    alt: str | None


def _prose_lines(text: str) -> list[tuple[int, str]]:
    lines = text.splitlines()
    mask = code_fence_mask(lines)
    return [
        (number, INLINE_CODE_RE.sub("", line))
        for number, (line, in_code) in enumerate(zip(lines, mask, strict=True), start=1)
        if not in_code and not line.startswith(("    ", "\t"))
    ]


def find_links(text: str) -> list[Link]:
    """Return every Markdown link and image outside code."""
    links = []
    for number, line in _prose_lines(text):
        for match in LINK_RE.finditer(line):
            target = match.group("target").strip("<>")
            links.append(Link(number, match.group("text"), target, bool(match.group("bang"))))
    return links


def find_html_images(text: str) -> list[HtmlImage]:
    """Return every ``<img>`` tag outside code, with its alt text if any."""
    images = []
    for number, line in _prose_lines(text):
        for match in HTML_IMG_RE.finditer(line):
            alt = HTML_ALT_RE.search(match.group("attrs"))
            images.append(HtmlImage(number, alt.group(1)[1:-1] if alt else None))
    return images


def heading_anchors(text: str) -> set[str]:
    """Return the anchor ids a page will have: heading slugs (as MkDocs' toc makes them) and explicit ids."""
    anchors: set[str] = set()
    used: set[str] = set()
    for _, line in _prose_lines(text):
        heading = HEADING_RE.match(line)
        if heading:
            title = heading.group("text")
            explicit = ATTR_ID_RE.search(title)
            if explicit:
                anchors.add(explicit.group("id"))
                continue
            slug = unique(slugify(re.sub(r"[*_`]", "", title), "-"), used)
            anchors.add(slug)
        for match in HTML_ID_RE.finditer(line):
            anchors.add(match.group("id"))
        for match in ATTR_ID_RE.finditer(line):
            anchors.add(match.group("id"))
    return anchors


def headings(text: str) -> list[tuple[int, int, str]]:
    """Return ``(line, level, text)`` for each ATX heading outside code."""
    found = []
    for number, line in _prose_lines(text):
        heading = HEADING_RE.match(line)
        if heading:
            found.append((number, len(heading.group("hashes")), heading.group("text")))
    return found
