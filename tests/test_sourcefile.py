"""Are YAML values and front matter located at the right lines?"""

from __future__ import annotations

from pathlib import Path

import pytest

from peer_curriculum.sourcefile import SourceError, parse_yaml, split_front_matter

DOC = """\
competencies:
  - id: first
    title: First
    samhsa: [1, 2]
  - id: second
    title: Second
"""


def test_lines_of_values_and_keys() -> None:
    document = parse_yaml(DOC, Path("x.yml"))
    assert document.data["competencies"][1]["id"] == "second"
    assert document.lines.line_of(("competencies", 0, "id")) == 2
    assert document.lines.line_of(("competencies", 1, "title")) == 6
    assert document.lines.line_of(("competencies", 0, "samhsa", 1)) == 4


def test_unknown_location_falls_back_to_nearest_ancestor() -> None:
    document = parse_yaml(DOC, Path("x.yml"))
    assert document.lines.line_of(("competencies", 1, "description")) == 5


def test_syntax_error_has_file_line() -> None:
    with pytest.raises(SourceError) as caught:
        parse_yaml("a: 1\nb: [unclosed\nc: 3\n", Path("bad.yml"))
    assert caught.value.line in (2, 3)
    assert "YAML syntax error" in caught.value.message


def test_front_matter_lines_are_file_lines() -> None:
    source = split_front_matter("---\ntitle: T\nobjectives:\n  - a\n---\n# Heading\nBody\n", Path("p.md"))
    assert source.meta == {"title": "T", "objectives": ["a"]}
    assert source.meta_lines.line_of(("objectives", 0)) == 4
    assert source.body.startswith("# Heading")
    assert source.body_start_line == 6


def test_page_without_front_matter() -> None:
    source = split_front_matter("# Only body\n", Path("p.md"))
    assert source.meta == {}
    assert source.body_start_line == 1


def test_unclosed_front_matter_is_an_error() -> None:
    with pytest.raises(SourceError, match="never closed"):
        split_front_matter("---\ntitle: T\n# Heading\n", Path("p.md"))


def test_front_matter_must_be_a_mapping() -> None:
    with pytest.raises(SourceError, match="mapping"):
        split_front_matter("---\n- a\n- b\n---\nBody\n", Path("p.md"))
