"""Rule sets as data: how a series classifies, scores and ranks. Presets live in `presets/`."""

from pitboard.rules.lineup import (
    CarEligibility,
    ClassLineup,
    DrivingTime,
    LineupRules,
    NationalityQuota,
    RatingCount,
)
from pitboard.rules.model import (
    Award,
    CheckpointPoints,
    DurationScale,
    ManufacturerScoring,
    PartialRace,
    PlaceNumbering,
    PointsScale,
    RuleSet,
    TeamScoring,
    TieBreak,
    TieBreaks,
)

__all__ = [
    "Award",
    "CarEligibility",
    "CheckpointPoints",
    "ClassLineup",
    "DrivingTime",
    "DurationScale",
    "LineupRules",
    "ManufacturerScoring",
    "NationalityQuota",
    "PartialRace",
    "PlaceNumbering",
    "PointsScale",
    "RatingCount",
    "RuleSet",
    "TeamScoring",
    "TieBreak",
    "TieBreaks",
]
