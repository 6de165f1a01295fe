"""Rule sets as data: how a series classifies, scores and ranks. Presets live in `presets/`."""

from pitboard.rules.model import (
    Award,
    ManufacturerScoring,
    PlaceNumbering,
    RuleSet,
    TeamScoring,
    TieBreak,
    TieBreaks,
)

__all__ = [
    "Award",
    "ManufacturerScoring",
    "PlaceNumbering",
    "RuleSet",
    "TeamScoring",
    "TieBreak",
    "TieBreaks",
]
