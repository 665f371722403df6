"""Which pages each edition of the site contains, and where they sit in the navigation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peer_curriculum.blocks import iter_blocks
from peer_curriculum.render import ordered_modules
from peer_curriculum.vocab import EDITIONS, TRAINER_ONLY_BLOCKS

if TYPE_CHECKING:
    from peer_curriculum.loader import Curriculum, Module, Page

MODULES_NAV_PLACEHOLDER = "modules/index.md"
"""A nav entry pointing here under the title ``Modules`` is expanded into one section per module."""


def check_edition(edition: str) -> str:
    """Return ``edition`` if it is known.

    Raises:
        ValueError: It is not one of [EDITIONS][peer_curriculum.vocab.EDITIONS].
    """
    if edition not in EDITIONS:
        msg = f"edition must be one of {', '.join(EDITIONS)}, not {edition!r}"
        raise ValueError(msg)
    return edition


def module_pages(curriculum: Curriculum, edition: str) -> list[Page]:
    """Return the module pages an edition publishes: trainer pages only in the trainer edition."""
    check_edition(edition)
    pages: list[Page] = []
    for module in ordered_modules(curriculum):
        pages.extend(page for page in module.pages if edition == "trainer" or not page.trainer_only)
    return pages


def _page_title(page: Page) -> str:
    if page.meta is not None and page.meta.title:
        return page.meta.title
    return page.site_path.rsplit("/", 1)[-1].removesuffix(".md").replace("-", " ").capitalize()


def module_nav(module: Module, edition: str) -> dict[str, list[Any]]:
    """Navigation section of one module."""
    entries: list[Any] = [{"Overview": module.index.site_path}]
    entries.extend({_page_title(lesson): lesson.site_path} for lesson in module.lessons)
    if edition == "trainer" and module.trainer_pages:
        entries.append({"For trainers": [{_page_title(page): page.site_path} for page in module.trainer_pages]})
    return {module.meta.title: entries}


def expand_nav(nav: list[Any] | None, curriculum: Curriculum, edition: str) -> list[Any] | None:
    """Replace the ``Modules: modules/index.md`` entry of a nav with a section per module."""
    if nav is None:
        return None
    expanded: list[Any] = []
    for entry in nav:
        if isinstance(entry, dict) and len(entry) == 1:
            title, value = next(iter(entry.items()))
            if value == MODULES_NAV_PLACEHOLDER:
                sections: list[Any] = [{"All modules": MODULES_NAV_PLACEHOLDER}]
                sections.extend(module_nav(module, edition) for module in ordered_modules(curriculum))
                expanded.append({title: sections})
                continue
            if isinstance(value, list):
                expanded.append({title: expand_nav(value, curriculum, edition)})
                continue
        expanded.append(entry)
    return expanded


def trainer_only_texts(curriculum: Curriculum) -> list[tuple[Page, str]]:
    """Every piece of trainer-only prose: whole trainer pages and ``trainer-note`` block bodies.

    Used to prove the learner edition leaks none of it.
    """
    texts: list[tuple[Page, str]] = []
    for page in curriculum.pages:
        if page.trainer_only:
            texts.append((page, page.source.body))
            continue
        for block in iter_blocks(page.source.body.splitlines()):
            if block.name in TRAINER_ONLY_BLOCKS:
                texts.append((page, "\n".join(block.body)))
    return texts
