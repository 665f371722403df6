"""Peer support curriculum: content model, checks, rendering and exports.

The library has no MkDocs import; the site integration lives in
[peer_curriculum.markdown_ext][] and [peer_curriculum.mkdocs_plugin][].
The public names below are imported on first use, so a site build that needs only the loader
does not pay for the checkers.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from peer_curriculum.checks import run_checks
    from peer_curriculum.findings import Finding, Reporter, Severity
    from peer_curriculum.loader import Curriculum, Module, Page, load_curriculum

_EXPORTS = {
    "run_checks": "peer_curriculum.checks",
    "Finding": "peer_curriculum.findings",
    "Reporter": "peer_curriculum.findings",
    "Severity": "peer_curriculum.findings",
    "Curriculum": "peer_curriculum.loader",
    "Module": "peer_curriculum.loader",
    "Page": "peer_curriculum.loader",
    "load_curriculum": "peer_curriculum.loader",
}

__all__ = ["Curriculum", "Finding", "Module", "Page", "Reporter", "Severity", "load_curriculum", "run_checks"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    msg = f"module 'peer_curriculum' has no attribute {name!r}"
    raise AttributeError(msg)
