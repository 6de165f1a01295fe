"""The canonical model every reader produces and every engine, store and face consumes.

Nothing here imports the rest of pitboard: formats build these objects, the engine reads them.
"""

from pitboard.domain.nationality import to_iso_alpha3
from pitboard.domain.problems import InputError, Problem, SourceRef
from pitboard.domain.results import (
    FinishStatus,
    QualifyingLine,
    QualifyingSession,
    Race,
    ResultLine,
)
from pitboard.domain.season import (
    CarClass,
    Driver,
    Entry,
    Round,
    RoundStatus,
    Season,
    Series,
    Team,
)

__all__ = [
    "CarClass",
    "Driver",
    "Entry",
    "FinishStatus",
    "InputError",
    "Problem",
    "QualifyingLine",
    "QualifyingSession",
    "Race",
    "ResultLine",
    "Round",
    "RoundStatus",
    "Season",
    "Series",
    "SourceRef",
    "Team",
    "to_iso_alpha3",
]
