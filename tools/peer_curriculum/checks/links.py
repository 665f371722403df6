"""Internal links and anchors lead somewhere, in both editions."""

from __future__ import annotations

import posixpath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from peer_curriculum.blocks import iter_blocks
from peer_curriculum.checks.base import Checker
from peer_curriculum.loader import DOCS_DIR
from peer_curriculum.markdown_scan import find_links, heading_anchors
from peer_curriculum.render import term_anchor

if TYPE_CHECKING:
    from peer_curriculum.findings import Reporter
    from peer_curriculum.loader import Curriculum, Page

EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel")


def block_anchors(curriculum: Curriculum, page: Page) -> set[str]:
    """Anchor ids that the page's data blocks generate."""
    anchors: set[str] = set()
    for block in iter_blocks(page.source.body.splitlines()):
        if block.name == "glossary" and curriculum.glossary:
            anchors.update(term_anchor(term.term) for term in curriculum.glossary.terms)
        elif block.name == "coverage" and curriculum.framework:
            anchors.add("competency-framework")
            anchors.update(f"competency-{c.id}" for c in curriculum.framework.competencies)
        elif block.name == "tracks" and curriculum.tracks:
            anchors.update(f"track-{track.id}" for track in curriculum.tracks.tracks)
    return anchors


class InternalLinks(Checker):
    """Reports links to missing pages, files or anchors, and learner pages linking to trainer-only pages."""

    name = "links"

    def run(self, curriculum: Curriculum, reporter: Reporter) -> None:  # noqa: D102
        pages = {page.site_path: page for page in curriculum.pages}
        assets = self._asset_paths(curriculum)
        anchors: dict[str, set[str]] = {}

        def anchors_of(page: Page) -> set[str]:
            if page.site_path not in anchors:
                anchors[page.site_path] = heading_anchors(page.source.body) | block_anchors(curriculum, page)
            return anchors[page.site_path]

        for page in curriculum.pages:
            for link in find_links(page.source.body):
                line = page.source.body_start_line + link.line - 1
                parts = urlsplit(link.target)
                if parts.scheme in EXTERNAL_SCHEMES or parts.netloc:
                    continue
                if parts.scheme:
                    reporter.error(page.path, line, f"link `{link.target}` uses an unsupported scheme; use a relative path")
                    continue
                target_path = unquote(parts.path)
                if not target_path:
                    if parts.fragment and parts.fragment not in anchors_of(page):
                        reporter.error(page.path, line, f"anchor `#{parts.fragment}` is not a heading or id on this page")
                    continue
                if target_path.startswith("/"):
                    resolved = posixpath.normpath(target_path.lstrip("/"))
                else:
                    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.site_path), target_path))
                if resolved.endswith("/") or resolved in (".", ""):
                    resolved = posixpath.join(resolved, "index.md")
                if resolved in pages:
                    target = pages[resolved]
                    if target.trainer_only and not page.trainer_only:
                        reporter.error(
                            page.path,
                            line,
                            f"link to trainer-only page `{link.target}` breaks in the learner edition; "
                            "link from a trainer page or a `::: trainer-note` instead",
                        )
                    elif parts.fragment and parts.fragment not in anchors_of(target):
                        reporter.error(
                            page.path, line, f"anchor `#{parts.fragment}` does not exist in `{target_path}`; link to an existing heading"
                        )
                elif resolved not in assets:
                    hint = (
                        " (link to the `.md` file, not the built page)"
                        if not resolved.endswith(".md") and resolved + ".md" in pages
                        else ""
                    )
                    reporter.error(page.path, line, f"broken link `{link.target}`: nothing at `{resolved}`{hint}; fix the path")

    @staticmethod
    def _asset_paths(curriculum: Curriculum) -> set[str]:
        assets: set[str] = set()
        docs = curriculum.root / DOCS_DIR
        for path in docs.rglob("*") if docs.is_dir() else []:
            if path.is_file() and path.suffix != ".md":
                assets.add(path.relative_to(docs).as_posix())
        for module in curriculum.modules:
            for path in module.folder.rglob("*"):
                if path.is_file() and path.suffix != ".md":
                    assets.add(f"modules/{module.id}/{path.relative_to(module.folder).as_posix()}")
        return assets
