"""Blocks are known and closed; sensitive pages warn their reader first."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from peer_curriculum.blocks import code_fence_mask, iter_blocks
from peer_curriculum.checks.base import Checker
from peer_curriculum.render import BlockError, validate_block
from peer_curriculum.vocab import SENSITIVE_TERMS, TRAINER_ONLY_BLOCKS

if TYPE_CHECKING:
    from peer_curriculum.findings import Reporter
    from peer_curriculum.loader import Curriculum

SENSITIVE_RE = re.compile("|".join(re.escape(term) for term in SENSITIVE_TERMS), re.IGNORECASE)


class PageBlocks(Checker):
    """Reports unknown or unclosed ``:::`` blocks and blocks that cannot render in either edition."""

    name = "blocks"

    def run(self, curriculum: Curriculum, reporter: Reporter) -> None:  # noqa: D102
        for page in curriculum.pages:
            start = page.source.body_start_line
            for block in iter_blocks(page.source.body.splitlines()):
                line = start + block.start
                if block.end is None:
                    reporter.error(page.path, line, f"block `::: {block.name}` is never closed; add a line `:::` after its content")
                try:
                    validate_block(curriculum, block)
                except BlockError as error:
                    reporter.error(page.path, line, str(error))


class ContentNotes(Checker):
    """Reports pages that mention distressing topics before (or without) a ``::: content-note``."""

    name = "content-notes"

    def run(self, curriculum: Curriculum, reporter: Reporter) -> None:  # noqa: D102
        for page in curriculum.pages:
            lines = page.source.body.splitlines()
            in_code = code_fence_mask(lines)
            skip: set[int] = set()
            first_note = None
            for block in iter_blocks(lines):
                if block.name == "content-note" and first_note is None:
                    first_note = block.start
                if block.name == "content-note" or block.name in TRAINER_ONLY_BLOCKS:
                    # The note itself names the topic; trainer notes are not learner reading.
                    skip.update(range(block.start, (block.end if block.end is not None else len(lines) - 1) + 1))
            title = next((index for index, line in enumerate(lines) if line.startswith("# ")), None)
            for index, line in enumerate(lines):
                if index in skip or in_code[index] or index == title:
                    # A page's title names its topic, as the navigation already does; the note follows it.
                    continue
                match = SENSITIVE_RE.search(line)
                if match and (first_note is None or first_note > index):
                    reporter.error(
                        page.path,
                        page.source.body_start_line + index,
                        f"page mentions `{match.group(0)}` without a content note before it; add a `::: content-note` block above",
                    )
                    break
