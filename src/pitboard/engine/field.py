"""Which cars a championship scores: its classes, less the cars its rules leave out.

Two kinds of car score nothing. A guest of the season (`non_scoring_numbers`, an excluded car,
a car of an unscored class) is shown in its class's tables with 0. A car outside a championship
(its `guests`, a car missing from the entry list where only entered cars score and the season
lists its entries, a line-up outside its ratings) is no part of that championship: it has no
row there. Both pass their places on to the next scoring car where `guests_pass_places` says so.
"""

from __future__ import annotations

from pitboard.domain import FinishStatus, ResultLine, Season
from pitboard.engine.eligibility import driver_facts, entry_for
from pitboard.rules import Championship, RuleSet


def scores_car(line: ResultLine, season: Season | None, rules: RuleSet) -> bool:
    """Whether a car can score at all: excluded cars, guest numbers and unscored classes cannot."""
    if line.status is FinishStatus.EXC:
        return False
    if line.number is not None and line.number in rules.non_scoring_numbers:
        return False
    car_class = season.car_class(line.class_code) if season is not None else None
    return car_class is None or car_class.scored


def entered(line: ResultLine, season: Season, round_number: int | None) -> bool:
    """Whether the car is on the season's entry list for the round; a season that lists no
    entries cannot tell, and every car counts as entered."""
    if not season.entries:
        return True
    entry = entry_for(season, line.class_code, line.number, line.team)
    if entry is None or entry.guest:
        return False
    return entry.rounds is None or round_number is None or round_number in entry.rounds


def rated_for(line: ResultLine, championship: Championship, season: Season | None) -> bool:
    """Whether every driver of the car holds one of the championship's ratings (an unknown
    rating does not); any line-up where it names none."""
    if not championship.ratings:
        return True
    if season is None or not line.drivers:
        return False
    entry = entry_for(season, line.class_code, line.number, line.team)
    ratings = [driver_facts(season, name, entry).rating for name in line.drivers]
    return all(rating in championship.ratings for rating in ratings)


def belongs(
    line: ResultLine, championship: Championship, season: Season | None,
    round_number: int | None,
) -> bool:
    """Whether the car is part of the championship's field, whatever its class."""
    if line.number is not None and line.number in championship.guests:
        return False
    if championship.entered_only and (season is None or not entered(line, season, round_number)):
        return False
    return rated_for(line, championship, season)
