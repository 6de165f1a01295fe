"""What a season was made from: every file it was given, in order, with where each went.

A stored season keeps these, so it can always be made again from exactly the bytes it was given,
and a later file is added to them rather than written over what they made.
"""

from __future__ import annotations

import hashlib
from enum import StrEnum

from pitboard.domain.base import Record


class InputRole(StrEnum):
    """What a file is to its season."""

    SEASON = "season"  # the season file itself
    NAMED = "named"  # a file the season file names (or, in a league folder, every file beside it)
    RESULTS = "results"  # a results CSV imported into the season
    RECORDBOOK = "recordbook"  # a record-book page's race tables, imported into a round
    QUALIFYING = "qualifying"  # a qualifying CSV imported into a round
    TIMING = "timing"  # a timing file imported into a race (or a round's qualifying)
    PENALTIES = "penalties"  # the stewards' decisions imported onto a race


class SeasonInput(Record):
    """One file given to a season, with the round, race and session it was given for."""

    role: InputRole
    name: str  # as given: a path relative to the season file, or the imported file's name
    data: bytes
    display: str = ""  # how problems and source references name it (its path when read)
    round: str | None = None  # number, name or short name, as the import named it
    race: int = 1
    session: str | None = None  # which session of a multi-session timing file
    replace: bool = False  # given on purpose to replace what the race or round already had

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def shown(self) -> str:
        return self.display or self.name

    def same_target(self, other: SeasonInput) -> bool:
        return (self.role, self.round, self.race, self.session) == (
            other.role, other.round, other.race, other.session)
