"""Every image has a text alternative."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peer_curriculum.checks.base import Checker
from peer_curriculum.markdown_scan import find_html_images, find_links

if TYPE_CHECKING:
    from peer_curriculum.findings import Reporter
    from peer_curriculum.loader import Curriculum


class AltText(Checker):
    """Reports Markdown images with empty ``![]`` and ``<img>`` tags without ``alt``."""

    name = "alt-text"

    def run(self, curriculum: Curriculum, reporter: Reporter) -> None:  # noqa: D102
        for page in curriculum.pages:
            start = page.source.body_start_line - 1
            for link in find_links(page.source.body):
                if link.is_image and not link.text.strip():
                    reporter.error(page.path, start + link.line, f"image `{link.target}` has no alt text; describe it inside `![...]`")
            for image in find_html_images(page.source.body):
                if image.alt is None:
                    reporter.error(
                        page.path, start + image.line, 'HTML image has no `alt` attribute; add alt="..." (alt="" only for decoration)'
                    )
