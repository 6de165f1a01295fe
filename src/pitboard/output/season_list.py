"""A season as a line of the list of seasons: `pitboard seasons --format json` and the API."""

from __future__ import annotations

from pitboard.domain import RoundStatus, Season
from pitboard.rules import RuleSet


def season_summary(season: Season, rules: RuleSet) -> dict[str, object]:
    """Id, series, rounds held (with results), still scheduled and cancelled, classes, points."""
    return {
        "id": season.id,
        "series": season.series.name,
        "season": season.name,
        "rounds_held": len(season.rounds_in(RoundStatus.HELD)),
        "rounds_scheduled": len(season.rounds_in(RoundStatus.SCHEDULED)),
        "rounds_cancelled": len(season.rounds_in(RoundStatus.CANCELLED)),
        "classes": [c.code for c in season.classes],
        "rules": rules.describe(),
    }


PUBLISHED_ONLY = "published record only"


def rounds_text(season: Season) -> str:
    """'4 held, 3 cancelled', '2 held, 6 scheduled': how far the calendar has run; a season
    pitboard keeps only the published record of has no calendar to count."""
    if not season.rounds and season.published is not None:
        return PUBLISHED_ONLY
    counts = [(len(season.rounds_in(state)), state.value) for state in RoundStatus]
    held = counts[0][0]
    return ", ".join([f"{held} held", *(f"{n} {word}" for n, word in counts[1:] if n)])
