"""The ``::: name args`` ... ``:::`` block syntax, parsed once for the site and the checker."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

OPEN_RE = re.compile(r"^:::[ \t]+(?P<name>[a-z][a-z0-9-]*)(?P<args>(?:[ \t]+\S+)*)[ \t]*$")
CLOSE_RE = re.compile(r"^:::[ \t]*$")
FENCE_RE = re.compile(r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})")


@dataclass(frozen=True)
class Block:
    """One block found in a page."""

    name: str
    args: tuple[str, ...]
    start: int
    """0-based index of the opening line."""
    end: int | None
    """0-based index of the closing line; None when the block is never closed."""
    body: tuple[str, ...]


def code_fence_mask(lines: list[str]) -> list[bool]:
    """Return, per line, whether it is inside (or delimits) a fenced code block."""
    mask = []
    fence: str | None = None
    for line in lines:
        match = FENCE_RE.match(line)
        if fence is None and match:
            fence = match.group("fence")
            mask.append(True)
        elif fence is not None:
            mask.append(True)
            if line.strip().startswith(fence[0] * len(fence)) and set(line.strip()) <= {fence[0]}:
                fence = None
        else:
            mask.append(False)
    return mask


def iter_blocks(lines: list[str]) -> Iterator[Block]:
    """Yield the top-level blocks of a page, outside code fences."""
    in_code = code_fence_mask(lines)
    index = 0
    while index < len(lines):
        match = None if in_code[index] else OPEN_RE.match(lines[index].rstrip("\n"))
        if not match:
            index += 1
            continue
        start = index
        end = None
        for cursor in range(start + 1, len(lines)):
            if not in_code[cursor] and CLOSE_RE.match(lines[cursor].rstrip("\n")):
                end = cursor
                break
        stop = end if end is not None else len(lines)
        yield Block(
            name=match.group("name"),
            args=tuple(match.group("args").split()),
            start=start,
            end=end,
            body=tuple(line.rstrip("\n") for line in lines[start + 1 : stop]),
        )
        index = stop + 1
