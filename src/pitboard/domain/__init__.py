"""The canonical model every reader produces and every engine, store and face consumes.

Nothing here imports the rest of pitboard: formats build these objects, the engine reads them.
"""

from pitboard.domain.nationality import to_iso_alpha3
from pitboard.domain.problems import InputError, Problem, SourceRef
from pitboard.domain.ratings import DriverRating
from pitboard.domain.regions import Region, region_of
from pitboard.domain.results import (
    FinishStatus,
    QualifyingLine,
    QualifyingSession,
    Race,
    RaceCheckpoint,
    ResultLine,
)
from pitboard.domain.season import (
    CarClass,
    Driver,
    Entry,
    EntryDriver,
    Round,
    RoundStatus,
    Season,
    Series,
    Team,
)

__all__ = [
    "CarClass",
    "Driver",
    "DriverRating",
    "Entry",
    "EntryDriver",
    "FinishStatus",
    "InputError",
    "Problem",
    "QualifyingLine",
    "QualifyingSession",
    "Race",
    "RaceCheckpoint",
    "Region",
    "ResultLine",
    "Round",
    "RoundStatus",
    "Season",
    "Series",
    "SourceRef",
    "Team",
    "region_of",
    "to_iso_alpha3",
]
