"""Peer support curriculum: content model, checks, rendering and exports.

The library has no MkDocs import; the site integration lives in
[peer_curriculum.markdown_ext][] and [peer_curriculum.mkdocs_plugin][].
"""

from __future__ import annotations

from peer_curriculum.checks import run_checks
from peer_curriculum.findings import Finding, Reporter, Severity
from peer_curriculum.loader import Curriculum, Module, Page, load_curriculum

__all__ = ["Curriculum", "Finding", "Module", "Page", "Reporter", "Severity", "load_curriculum", "run_checks"]
