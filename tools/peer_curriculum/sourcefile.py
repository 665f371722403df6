"""Read YAML data and Markdown front matter while remembering the line of every value.

Validation errors must point at ``path:line``; PyYAML's node tree carries the marks we need,
so we compose nodes ourselves and keep a map from each value's location to its line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# libyaml's composer is several times faster and keeps the same marks.
_Composer = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR_TAG = "tag:yaml.org,2002:str"

Location = tuple[str | int, ...]
"""A value's place in a document: keys and list indexes, as pydantic reports them in ``loc``."""


class SourceError(Exception):
    """A source file could not be read or parsed.

    Arguments:
        path: The file.
        line: The 1-based line of the problem.
        message: What is wrong and how to fix it.
    """

    def __init__(self, path: Path, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


@dataclass
class LineMap:
    """Lines of the values in one YAML document."""

    base_line: int = 1
    """Line of the document's first line in its file."""
    lines: dict[Location, int] = field(default_factory=dict)

    def line_of(self, location: Location) -> int:
        """Return the line of ``location``, or of its nearest ancestor that has one."""
        loc = tuple(location)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), self.base_line)


@dataclass
class YamlDocument:
    """A parsed YAML document and the lines of its values."""

    path: Path
    data: Any
    lines: LineMap


@dataclass
class MarkdownSource:
    """A Markdown page split into front matter and body."""

    path: Path
    meta: dict[str, Any]
    meta_lines: LineMap
    body: str
    body_start_line: int
    """Line number (1-based) of the body's first line in the file."""


class _Builder:
    """Turns a composed node tree into Python values, noting each value's line."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.lines: dict[Location, int] = {}
        self._constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, location: Location = ()) -> Any:
        self.lines[location] = node.start_mark.line + 1 + self.offset
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self._constructor.construct_object(key_node, deep=True)
                if isinstance(key, bool):
                    # YAML 1.1 reads `true:` as a boolean; in our files keys are always names.
                    key = str(key).lower()
                elif not isinstance(key, str | int):
                    key = str(key)
                result[key] = self.build(value_node, (*location, key))
                # Point a key's errors at the key itself, not at a value that may start lines later.
                self.lines[(*location, key)] = key_node.start_mark.line + 1 + self.offset
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*location, index)) for index, item in enumerate(node.value)]
        if node.tag == _STR_TAG:
            # Most values are text, which the constructor would return unchanged; skipping it halves parse time.
            return node.value
        return self._constructor.construct_object(node, deep=True)


def parse_yaml(text: str, path: Path, first_line: int = 1) -> YamlDocument:
    """Parse one YAML document from ``text``.

    Arguments:
        text: The YAML source.
        path: Where it came from, for messages.
        first_line: The file line on which ``text`` starts.

    Returns:
        The data with a map of its lines.

    Raises:
        SourceError: The text is not valid YAML.
    """
    offset = first_line - 1
    try:
        node = yaml.compose(text, Loader=_Composer)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        problem = error.problem or "invalid YAML"
        raise SourceError(path, line, f"YAML syntax error: {problem}; check indentation, colons and quotes") from None
    except yaml.YAMLError as error:
        raise SourceError(path, first_line, f"YAML error: {error}") from None
    builder = _Builder(offset)
    data = None if node is None else builder.build(node)
    return YamlDocument(path=path, data=data, lines=LineMap(base_line=first_line, lines=builder.lines))


def read_yaml(path: Path) -> YamlDocument:
    """Read and parse a YAML file (see [parse_yaml][])."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SourceError(path, 1, "file is not UTF-8 text; save it as UTF-8") from None
    return parse_yaml(text, path)


def split_front_matter(text: str, path: Path) -> MarkdownSource:
    """Split a Markdown page into its YAML front matter and body.

    Raises:
        SourceError: The front matter is not closed or is not a YAML mapping.
    """
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return MarkdownSource(path, {}, LineMap(), text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            document = parse_yaml("".join(lines[1:index]), path, first_line=2)
            if document.data is None:
                meta: dict[str, Any] = {}
            elif isinstance(document.data, dict):
                meta = document.data
            else:
                raise SourceError(path, 2, "front matter must be a YAML mapping of `key: value` lines")
            return MarkdownSource(path, meta, document.lines, "".join(lines[index + 1 :]), index + 2)
    raise SourceError(path, 1, "front matter opened with `---` is never closed; add a `---` line after it")


def read_markdown(path: Path) -> MarkdownSource:
    """Read a Markdown page and split its front matter (see [split_front_matter][])."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SourceError(path, 1, "file is not UTF-8 text; save it as UTF-8") from None
    return split_front_matter(text, path)
