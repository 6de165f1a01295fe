"""A timed race turned into result lines: the engine classifies the stored session.

The same two steps as a season file's `timing:` race (engine.classification.classify, then
engine.result_lines.result_lines), so a race imported into the store scores exactly as it would
from its season file. The race keeps the name, multiplier and scale the season gave it.
"""

from __future__ import annotations

from collections.abc import Iterable

from pitboard.domain import Race, Season
from pitboard.domain.classification import Penalty
from pitboard.domain.timing import TimingSession
from pitboard.engine.classification import classify
from pitboard.engine.result_lines import result_lines
from pitboard.rules import RuleSet


def race_from_timing(
    session: TimingSession,
    season: Season,
    rules: RuleSet,
    race_number: int,
    round_number: int | None = None,
    penalties: Iterable[Penalty] = (),
) -> Race:
    """The race classified from its timing data by the season's rules (and the stewards'
    penalties); the race the season already holds under that number keeps its own settings."""
    lines = result_lines(classify(session, rules, penalties))
    kept = next(
        (
            race
            for r in season.rounds if r.number == round_number
            for race in r.races if race.number == race_number
        ),
        None,
    )
    if kept is not None:
        return kept.model_copy(update={"results": lines, "source": session.source})
    return Race(number=race_number, name="Race" if race_number == 1 else f"Race {race_number}",
                results=lines, source=session.source)
