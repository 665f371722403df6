"""Shared settings for the package's Jinja environments."""

from __future__ import annotations

import jinja2


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    # Compiling our templates cost about 40 ms of every build; Jinja's per-user cache (in the temp
    # folder, keyed by each template's source checksum) makes that a one-off.
    try:
        return jinja2.FileSystemBytecodeCache()
    except RuntimeError:  # no usable temp folder: compile every time
        return None


BYTECODE_CACHE = _bytecode_cache()
"""Compiled templates, shared by every environment of the package."""

PACKAGE_TEMPLATES = jinja2.PackageLoader("peer_curriculum", "templates")
"""The package's own templates."""
