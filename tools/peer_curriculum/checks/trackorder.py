"""Tracks put every module after its prerequisites."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peer_curriculum.checks.base import Checker, data_line
from peer_curriculum.loader import TRACKS_FILE

if TYPE_CHECKING:
    from peer_curriculum.findings import Reporter
    from peer_curriculum.loader import Curriculum


class TrackOrder(Checker):
    """Reports a track that lists a module before one of its prerequisites, or leaves a prerequisite out."""

    name = "track-order"

    def run(self, curriculum: Curriculum, reporter: Reporter) -> None:  # noqa: D102
        for index, track in enumerate(curriculum.tracks.tracks if curriculum.tracks else []):
            seen: set[str] = set()
            for number, module_id in enumerate(track.modules):
                module = curriculum.module(module_id)
                if module is None:
                    continue
                for prerequisite in module.meta.prerequisites:
                    if prerequisite not in seen:
                        where = "later" if prerequisite in track.modules else "nowhere"
                        reporter.error(
                            *data_line(curriculum, TRACKS_FILE, "tracks", index, "modules", number),
                            f"track `{track.id}` lists `{module_id}` before its prerequisite `{prerequisite}` "
                            f"(which comes {where} in the track); reorder the modules",
                        )
                seen.add(module_id)
