"""Load the curriculum once per change of its sources, for adapters that run once per page or build.

Two layers:

- in memory, for the many pages of one build (and the rebuilds of ``mkdocs serve``);
- on disk, under ``.cache/peer-curriculum/`` in the project, for the next build. Parsing and
  validating every bank and notebook grows with the curriculum; reading back a validated load is
  several times faster. The disk copy is keyed by a digest of every source file's bytes and of the
  package's own code, is written only for loads with no findings, and is ignored if it cannot be
  read. Set ``PEER_CURRICULUM_CACHE=0`` to turn it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
import tempfile
import time
from pathlib import Path

from peer_curriculum.findings import Reporter
from peer_curriculum.loader import Curriculum, load_curriculum

RECHECK_SECONDS = 1.0
"""How long a load is trusted before the data files' times are looked at again.

A build renders every page within moments of the plugin's fresh load; re-globbing the data files
for each page cost more than rendering all the blocks. ``mkdocs serve`` rebuilds are further apart.
"""

CACHE_DIR = ".cache/peer-curriculum"
"""Where the validated load is kept, relative to the project folder."""
CACHE_SWITCH = "PEER_CURRICULUM_CACHE"
"""Environment variable; ``0`` turns the disk cache off."""
SOURCE_DIRS = ("curriculum", "modules", "docs", "quizzes", "scenarios")
"""Every folder ``load_curriculum`` reads."""

_PACKAGE = Path(__file__).resolve().parent

_cache: dict[Path, tuple[tuple[tuple[str, int], ...], float, Curriculum]] = {}
_code_digest: bytes | None = None


def _fingerprint(root: Path) -> tuple[tuple[str, int], ...]:
    files = [
        *root.glob("curriculum/*.yml"),
        *root.glob("modules/*/index.md"),
        *root.glob("quizzes/*.yml"),
        *root.glob("scenarios/*/*.ipynb"),
    ]
    return tuple(sorted((path.as_posix(), path.stat().st_mtime_ns) for path in files))


def _package_digest() -> bytes:
    global _code_digest
    if _code_digest is None:
        digest = hashlib.blake2b(sys.version.encode(), digest_size=20)
        for path in sorted(_PACKAGE.rglob("*.py")):
            digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
        _code_digest = digest.digest()
    return _code_digest


def _source_digest(root: Path) -> str:
    digest = hashlib.blake2b(_package_digest(), digest_size=20)
    digest.update(str(root).encode())
    for folder in SOURCE_DIRS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                digest.update(b"\0" + path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _read_disk(path: Path, key: str) -> Curriculum | None:
    try:
        with path.open("rb") as file:
            stored_key, curriculum = pickle.load(file)  # noqa: S301 - our own file, written below
    except Exception:  # noqa: BLE001 - a missing, partial or outdated cache is simply not used
        return None
    return curriculum if stored_key == key and isinstance(curriculum, Curriculum) else None


def _write_disk(path: Path, key: str, curriculum: Curriculum) -> None:
    # Written to a temporary file and renamed, so a reader never sees half a cache.
    with contextlib.suppress(OSError, pickle.PicklingError):
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=path.name, suffix=".tmp", delete=False) as file:
            pickle.dump((key, curriculum), file, protocol=pickle.HIGHEST_PROTOCOL)
        Path(file.name).replace(path)


def load_with_disk_cache(root: Path, reporter: Reporter) -> Curriculum:
    """Load the curriculum for a site build (no nbformat schema check), reusing an identical earlier load.

    Only a load with no findings is stored, so problems are reported on every build until fixed.

    Arguments:
        root: The project folder.
        reporter: Receives the findings of a fresh load (a reused load had none).
    """
    root = root.resolve()
    if os.environ.get(CACHE_SWITCH) == "0":
        return load_curriculum(root, reporter, notebook_schema=False)
    path = root / CACHE_DIR / "curriculum.pickle"
    key = _source_digest(root)
    cached = _read_disk(path, key)
    if cached is not None:
        return cached
    before = len(reporter.findings)
    curriculum = load_curriculum(root, reporter, notebook_schema=False)
    if len(reporter.findings) == before:
        _write_disk(path, key, curriculum)
    return curriculum


def cached_curriculum(root: Path, reporter: Reporter | None = None) -> Curriculum:
    """Return the curriculum under ``root``, re-loading it only when its data files changed.

    Arguments:
        root: The project folder.
        reporter: When given, the curriculum is loaded afresh (or from an identical load on disk)
            and its problems reported here; the load is then cached for later callers.
    """
    root = root.resolve()
    hit = _cache.get(root)
    now = time.monotonic()
    if reporter is None and hit is not None and now - hit[1] < RECHECK_SECONDS:
        return hit[2]
    fingerprint = _fingerprint(root)
    if reporter is not None or hit is None or hit[0] != fingerprint:
        hit = (fingerprint, now, load_with_disk_cache(root, reporter or Reporter(root)))
    else:
        hit = (hit[0], now, hit[2])
    _cache[root] = hit
    return hit[2]
