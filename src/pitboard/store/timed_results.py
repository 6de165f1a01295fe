"""Hook: a timed race turned into result lines, once the classification engine is merged.

`pitboard.engine.classification` (being written apart) classifies a TimingSession by the
season's rules. Until it is wired here, importing a race's timing file stores its laps (lap
chart, gaps, pace) and leaves the race's result lines as the results CSV gave them.
"""

from __future__ import annotations

from pitboard.domain import Race, Season
from pitboard.domain.timing import TimingSession
from pitboard.rules import RuleSet


def race_from_timing(
    session: TimingSession, season: Season, rules: RuleSet, race_number: int
) -> Race | None:
    """The race classified from its timing data; None until the classification engine is wired."""
    del session, season, rules, race_number
    return None
