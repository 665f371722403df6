"""The package's two Jinja environments: one emits Markdown for pages, one emits HTML widgets."""

from __future__ import annotations

import html
from typing import Any

import jinja2


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    # Compiling our templates cost about 40 ms of every build; Jinja's per-user cache (in the temp
    # folder, keyed by each template's source checksum) makes that a one-off.
    try:
        return jinja2.FileSystemBytecodeCache()
    except RuntimeError:  # no usable temp folder: compile every time
        return None


def escape_markdown(value: Any) -> str:
    """Data text is plain text: neutralise HTML, keep Markdown punctuation readable."""
    return html.escape(str(value), quote=False)


def format_hours(value: float) -> str:
    """Hours without a needless ".0": 3, 1.5."""
    return f"{value:g}"


_SHARED: dict[str, Any] = {
    "loader": jinja2.PackageLoader("peer_curriculum", "templates"),
    "bytecode_cache": _bytecode_cache(),
    "auto_reload": False,  # templates ship with the package; checking their mtimes on every use cost a third of a build
    "undefined": jinja2.StrictUndefined,
}

MARKDOWN_TEMPLATES = jinja2.Environment(
    **_SHARED,
    autoescape=False,  # noqa: S701 - templates emit Markdown; values are escaped with the `md` filter
    keep_trailing_newline=True,
)
"""For ``*.md.jinja``: Markdown that the page's converter renders; escape data with ``| md``."""
MARKDOWN_TEMPLATES.filters["md"] = escape_markdown
MARKDOWN_TEMPLATES.filters["hours"] = format_hours

HTML_TEMPLATES = jinja2.Environment(**_SHARED, autoescape=True)
"""For ``*.html.jinja``: finished, autoescaped HTML widgets."""
