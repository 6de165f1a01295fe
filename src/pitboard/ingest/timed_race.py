"""A timing session becomes a season race's result lines: the one way a season file and the
store both turn a timing file into a race.

In order:

1. the season's `class_map` puts each car in a season class (league.map_classes);
2. each driver takes their one name across the season (identity.DriverIdentities), learnt from
   every timing file of the season before any is named;
3. the engine classifies the race by the season's rules and the stewards' penalties;
4. each classified car becomes a result line (engine.result_lines);
5. each class's fastest car in the round's qualifying timing, read through steps 1-3 the same
   way, takes the class pole in the race (league.mark_class_poles).

The store keeps a timed race as its inputs (`TimedRace`: the files as read, the penalties) and
the season's class map and drivers, so whatever changes later (a penalties file, another round
that brings a driver's second spelling) runs these same steps again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pitboard.domain import InputError, Problem, ResultLine
from pitboard.domain.timing import TimedRace, TimingSession
from pitboard.engine.classification import classify
from pitboard.engine.result_lines import result_lines
from pitboard.ingest.identity import DriverIdentities, Person
from pitboard.ingest.league import map_classes, mark_class_poles
from pitboard.rules import RuleSet


class SeasonTiming:
    """How one season reads timing files: its class map, and one name per driver.

    `learn` every timing file of the season first; then `result_lines` classifies any race.
    """

    def __init__(self, class_map: Mapping[str, str], drivers: Iterable[Person]) -> None:
        self.class_map = dict(class_map)
        self.identities = DriverIdentities(drivers)

    def learn(self, session: TimingSession) -> None:
        self.identities.learn(session)

    def in_classes(self, session: TimingSession) -> TimingSession:
        """Step 1; raise InputError naming, at its line, each car the class map misses."""
        problems: list[Problem] = []
        mapped = map_classes(session, self.class_map, problems)
        if problems:
            raise InputError(problems)
        return mapped

    def prepared(self, session: TimingSession) -> TimingSession:
        """Steps 1 and 2: the session as the season reads it, which lap charts are drawn from."""
        return self.identities.apply(self.in_classes(session))

    def result_lines(self, race: TimedRace, rules: RuleSet) -> tuple[ResultLine, ...]:
        """Steps 1 to 5: the race's result lines; raise InputError with what stops them."""
        lines = result_lines(classify(self.prepared(race.session), rules, race.penalties))
        if race.qualifying is None:
            return lines
        qualifying = classify(self.prepared(race.qualifying), rules)
        return tuple(mark_class_poles(list(lines), qualifying))
