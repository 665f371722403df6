"""Are ``:::`` blocks found, outside code fences only?"""

from __future__ import annotations

from peer_curriculum.blocks import iter_blocks


def test_blocks_and_arguments() -> None:
    lines = ["Intro", "::: objectives active-listening", ":::", "", "::: trainer-note", "Text", "More", ":::"]
    blocks = list(iter_blocks(lines))
    assert [(b.name, b.args, b.start, b.end) for b in blocks] == [
        ("objectives", ("active-listening",), 1, 2),
        ("trainer-note", (), 4, 7),
    ]
    assert blocks[1].body == ("Text", "More")


def test_blocks_inside_code_fences_are_ignored() -> None:
    lines = ["```markdown", "::: trainer-note", "secret", ":::", "```"]
    assert list(iter_blocks(lines)) == []


def test_unclosed_block_runs_to_the_end() -> None:
    blocks = list(iter_blocks(["::: content-note", "Careful"]))
    assert blocks[0].end is None
    assert blocks[0].body == ("Careful",)
