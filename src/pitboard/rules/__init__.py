"""Rule sets as data: how a series classifies, scores and ranks. Presets live in `presets/`."""

from pitboard.rules.championship import (
    Championship,
    Places,
    PoleFrom,
    class_championship,
    default_title,
)
from pitboard.rules.lineup import (
    CarEligibility,
    ClassLineup,
    DrivingTime,
    LineupRules,
    NationalityQuota,
    RatingCount,
)
from pitboard.rules.model import Award, NonStarter, RuleSet
from pitboard.rules.scoring import (
    CheckpointPoints,
    DurationScale,
    ManufacturerScoring,
    PartialRace,
    PlaceNumbering,
    PointsScale,
    TeamScoring,
    TieBreak,
    TieBreaks,
)

__all__ = [
    "Award",
    "CarEligibility",
    "Championship",
    "CheckpointPoints",
    "ClassLineup",
    "DrivingTime",
    "DurationScale",
    "LineupRules",
    "ManufacturerScoring",
    "NationalityQuota",
    "NonStarter",
    "PartialRace",
    "PlaceNumbering",
    "Places",
    "PointsScale",
    "PoleFrom",
    "RatingCount",
    "RuleSet",
    "TeamScoring",
    "TieBreak",
    "TieBreaks",
    "class_championship",
    "default_title",
]
