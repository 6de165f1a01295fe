"""A season as its inputs make it, and the one function that turns those inputs into races.

Whatever brings a race's results (a results CSV named by the season file or imported later, a
record-book page, a timing file, a penalties file), it only fills a slot of `SeasonState`;
`derive` alone turns the slots into result lines, the same way every time:

* a race given as result lines: the stewards' decisions applied (engine.penalties), then the
  rule set's distance rule (engine.distance);
* a race given as timing: every driver under one name learnt from all the season's timing, the
  race classified by the rule set with its decisions (engine.classification), each class's
  fastest car in the round's qualifying timing given the class pole.

So a season file that names its files and a database that received them one by one hold the
same inputs, and score the same.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from pitboard.domain import (
    InputError,
    Problem,
    QualifyingSession,
    Race,
    ResultLine,
    Round,
    Season,
)
from pitboard.domain.classification import Penalty
from pitboard.domain.timing import TimedRace, TimingSession
from pitboard.engine.distance import judged_lines
from pitboard.engine.penalties import penalised_lines
from pitboard.ingest.checks import check_lines, check_qualifying, check_session
from pitboard.ingest.timed_race import SeasonTiming
from pitboard.rules import RuleSet

Slot = tuple[int, int]  # (round number, race number)


@dataclass(frozen=True)
class SeasonState:
    """A season's inputs: the season file's season without results (`skeleton`), its rules,
    and each race's given lines, timing and decisions, each round's qualifying."""

    skeleton: Season
    rules: RuleSet
    given: Mapping[Slot, tuple[ResultLine, ...]] = field(default_factory=dict)
    timing: Mapping[Slot, TimingSession] = field(default_factory=dict)
    penalties: Mapping[Slot, tuple[Penalty, ...]] = field(default_factory=dict)
    qualifying: Mapping[int, QualifyingSession] = field(default_factory=dict)
    qualifying_timing: Mapping[int, TimingSession] = field(default_factory=dict)

    def with_changes(self, **changes: object) -> SeasonState:
        return replace(self, **changes)  # type: ignore[arg-type]

    def has_results(self, slot: Slot) -> bool:
        return slot in self.given or slot in self.timing

    def slots(self) -> list[Slot]:
        return sorted(set(self.given) | set(self.timing))


@dataclass(frozen=True)
class DerivedSeason:
    """The season the engine scores, and what each timed race was classified from (the store
    keeps it for lap charts), by slot, with every driver under the season's name."""

    season: Season
    rules: RuleSet
    timed: dict[Slot, TimedRace] = field(default_factory=dict)


def season_timing(state: SeasonState) -> SeasonTiming:
    """How the season reads its timing: its class map, and one name per driver learnt from every
    timing session it holds, races and qualifying, in slot order."""
    timing = SeasonTiming(state.skeleton.class_map, state.skeleton.drivers)
    for slot in sorted(state.timing):
        timing.learn(state.timing[slot])
    for number in sorted(state.qualifying_timing):
        timing.learn(state.qualifying_timing[number])
    return timing


def derive(state: SeasonState) -> DerivedSeason:
    """Every race's result lines from the inputs; InputError lists what stops any of them."""
    timing = season_timing(state)
    problems = check_inputs(state, timing)
    timed: dict[Slot, TimedRace] = {}
    rounds = []
    for rnd in state.skeleton.rounds:
        number = rnd.number
        if number is None:
            rounds.append(rnd)
            continue
        declared = {race.number: race for race in rnd.races}
        numbers = sorted(set(declared) | {n for r, n in state.slots() if r == number})
        races = []
        for race_number in numbers:
            slot = (number, race_number)
            try:
                lines = _lines(state, slot, timing, timed)
            except InputError as err:
                problems.extend(err.problems)
                lines = ()
            base = declared.get(race_number) or Race(
                number=race_number, name="Race" if len(numbers) == 1 else f"Race {race_number}")
            races.append(base.model_copy(update={
                "results": lines, "source": lines[0].source if lines else base.source}))
        rounds.append(rnd.model_copy(update={
            "races": tuple(races), "qualifying": state.qualifying.get(number)}))
    if problems:
        raise InputError(list(dict.fromkeys(problems)))
    season = state.skeleton.model_copy(update={"rounds": tuple(rounds)})
    return DerivedSeason(season, state.rules, timed)


def check_inputs(state: SeasonState, timing: SeasonTiming) -> list[Problem]:
    """Every input checked against the season (ingest.checks): classes, entries, the round."""
    season = state.skeleton
    problems: list[Problem] = []
    for (number, _), lines in sorted(state.given.items()):
        problems += check_lines(season, number, lines, season.id)
    for number, qualifying in sorted(state.qualifying.items()):
        problems += check_qualifying(season, number, qualifying, season.id)
    sessions = [(r, s) for (r, _), s in sorted(state.timing.items())]
    sessions += sorted(state.qualifying_timing.items())
    for number, session in sessions:
        rnd = round_of(season, number)
        if rnd is None:
            continue
        try:
            prepared = timing.prepared(session)
        except InputError as err:  # a car the class map leaves out
            problems += err.problems
            continue
        problems += check_session(season, rnd, prepared, season.id)
    return list(dict.fromkeys(problems))


def _lines(state: SeasonState, slot: Slot, timing: SeasonTiming,
           timed: dict[Slot, TimedRace]) -> tuple[ResultLine, ...]:
    penalties = state.penalties.get(slot, ())
    session = state.timing.get(slot)
    if session is not None:
        qualifying = state.qualifying_timing.get(slot[0])
        race = TimedRace(session=session, penalties=penalties, qualifying=qualifying)
        lines = timing.result_lines(race, state.rules)
        timed[slot] = TimedRace(
            session=timing.prepared(session), penalties=penalties,
            qualifying=timing.prepared(qualifying) if qualifying is not None else None)
        return lines
    given = state.given.get(slot)
    if given is None:
        return ()
    return judged_lines(penalised_lines(given, penalties) if penalties else given, state.rules)


def round_of(season: Season, number: int) -> Round | None:
    return next((r for r in season.rounds if r.number == number), None)
