"""Load the curriculum once per change of its data, for adapters that run once per page."""

from __future__ import annotations

import time
from pathlib import Path

from peer_curriculum.findings import Reporter
from peer_curriculum.loader import Curriculum, load_curriculum

RECHECK_SECONDS = 1.0
"""How long a load is trusted before the data files' times are looked at again.

A build renders every page within moments of the plugin's fresh load; re-globbing the data files
for each page cost more than rendering all the blocks. ``mkdocs serve`` rebuilds are further apart.
"""

_cache: dict[Path, tuple[tuple[tuple[str, int], ...], float, Curriculum]] = {}


def _fingerprint(root: Path) -> tuple[tuple[str, int], ...]:
    files = [
        *root.glob("curriculum/*.yml"),
        *root.glob("modules/*/index.md"),
        *root.glob("quizzes/*.yml"),
        *root.glob("scenarios/*/*.ipynb"),
    ]
    return tuple(sorted((path.as_posix(), path.stat().st_mtime_ns) for path in files))


def cached_curriculum(root: Path, reporter: Reporter | None = None) -> Curriculum:
    """Return the curriculum under ``root``, re-loading it only when its data files changed.

    Arguments:
        root: The project folder.
        reporter: When given, the curriculum is always loaded afresh and its problems reported here
            (and the fresh load is cached for later callers).
    """
    root = root.resolve()
    hit = _cache.get(root)
    now = time.monotonic()
    if reporter is None and hit is not None and now - hit[1] < RECHECK_SECONDS:
        return hit[2]
    fingerprint = _fingerprint(root)
    if reporter is not None or hit is None or hit[0] != fingerprint:
        hit = (fingerprint, now, load_curriculum(root, reporter or Reporter(root), notebook_schema=False))
    else:
        hit = (hit[0], now, hit[2])
    _cache[root] = hit
    return hit[2]
