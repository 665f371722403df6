"""Load the curriculum once per change of its data, for adapters that run once per page."""

from __future__ import annotations

from pathlib import Path

from peer_curriculum.findings import Reporter
from peer_curriculum.loader import Curriculum, load_curriculum

_cache: dict[Path, tuple[tuple[tuple[str, int], ...], Curriculum]] = {}


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
    fingerprint = _fingerprint(root)
    hit = _cache.get(root)
    if reporter is not None or hit is None or hit[0] != fingerprint:
        hit = (fingerprint, load_curriculum(root, reporter or Reporter(root), notebook_schema=False))
        _cache[root] = hit
    return hit[1]
