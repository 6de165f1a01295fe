"""Points for one race: class places, points beyond the scale, the pole point, guests.

The rule set may also pick a scale by race length, reduce the points of a race stopped short,
give points at checkpoints, and withhold the points of a car whose line-up broke a rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pitboard.domain import FinishStatus, Race, ResultLine, Round, Season
from pitboard.engine.eligibility import withheld_cars
from pitboard.engine.qualifying import class_poles
from pitboard.rules import RuleSet


@dataclass(frozen=True, slots=True)
class ScoredLine:
    """A result line with its class place and the points it earned."""

    line: ResultLine
    class_position: int | None  # among classified cars of the class, guests included
    place_points: Decimal
    pole: bool
    pole_points: Decimal
    checkpoint_points: Decimal = Decimal(0)
    withheld: str = ""  # why this car's points were withheld (a line-up breach), if they were

    @property
    def points(self) -> Decimal:
        return self.place_points + self.pole_points + self.checkpoint_points


def class_order(lines: list[ResultLine]) -> list[ResultLine]:
    """Classified cars by their place; then the rest, by the place given if any, then by laps.

    Never by input row order, so shuffling a results file changes nothing.
    """
    def key(line: ResultLine) -> tuple[int, bool, int, int, str, str]:
        placed = line.order is not None
        return (
            0 if line.status.is_classified else 1,
            not placed,
            line.order or 0,
            -(line.laps or 0),
            line.number or "",
            line.team,
        )

    return sorted(lines, key=key)


def scores_car(line: ResultLine, season: Season | None, rules: RuleSet) -> bool:
    """Whether a car can score at all: excluded cars, guest numbers and unscored classes cannot."""
    if line.status is FinishStatus.EXC:
        return False
    if line.number is not None and line.number in rules.non_scoring_numbers:
        return False
    car_class = season.car_class(line.class_code) if season is not None else None
    return car_class is None or car_class.scored


def score_race(
    race: Race,
    rules: RuleSet,
    season: Season | None = None,
    round_: Round | None = None,
) -> dict[str, list[ScoredLine]]:
    """Score every class of a race; the pole comes from the result lines or the qualifying."""
    poles_from_qualifying = class_poles(round_.qualifying) if round_ and round_.qualifying else {}
    scale = rules.scale_name(race)
    factor = rules.race_factor(race)
    withheld = (
        withheld_cars(race, season, rules, round_)
        if season is not None and rules.lineup.withhold_points
        else {}
    )
    scored: dict[str, list[ScoredLine]] = {}
    for class_code in race.classes():
        lines = class_order([ln for ln in race.results if ln.class_code == class_code])
        checkpoints = checkpoint_points(race, class_code, lines, rules, season)
        marked = [ln for ln in lines if ln.pole]
        pole_number = (
            marked[0].number if marked else poles_from_qualifying.get(class_code)
        )
        class_position = 0
        scoring_place = 0
        out: list[ScoredLine] = []
        for line in lines:
            can_score = scores_car(line, season, rules)
            position: int | None = None
            place_points = Decimal(0)
            if line.status.is_classified:
                class_position += 1
                position = class_position
                if can_score or not rules.guests_pass_places:
                    scoring_place += 1
                if can_score:
                    place_points = (
                        rules.points_for_place(scoring_place, scale) * race.multiplier * factor
                    )
            if marked:
                is_pole = line is marked[0]
            else:
                is_pole = pole_number is not None and line.number == pole_number
            pole_points = Decimal(0)
            if is_pole and can_score and (
                line.status.is_classified or not rules.pole_points_need_classification
            ):
                pole_points = rules.pole_points
            checkpoint = checkpoints.get(line.number or "", Decimal(0)) if can_score else Decimal(0)
            reason = withheld.get(id(line), "")
            if reason:
                place_points = pole_points = checkpoint = Decimal(0)
            out.append(
                ScoredLine(line, position, place_points, is_pole, pole_points, checkpoint, reason)
            )
        scored[class_code] = out
    return scored


def checkpoint_points(
    race: Race, class_code: str, lines: list[ResultLine], rules: RuleSet, season: Season | None
) -> dict[str, Decimal]:
    """Each car's points from the race's checkpoints in one class, by car number.

    A checkpoint's order mixes the classes; a car's place there is its place among the scoring
    cars of its class. The finish counts as one more checkpoint when the rules say so.
    """
    if rules.checkpoints is None:
        return {}
    numbers = {ln.number for ln in lines if ln.number and scores_car(ln, season, rules)}
    orders = [checkpoint.order for checkpoint in race.checkpoints]
    if rules.checkpoints.at_finish:
        finish = class_order([ln for ln in lines if ln.status.is_classified])
        orders.append(tuple(ln.number or "" for ln in finish))
    totals: dict[str, Decimal] = {}
    for order in orders:
        in_class = [n for n in dict.fromkeys(order) if n in numbers]
        for place, number in enumerate(in_class, start=1):
            scale = rules.checkpoints.points
            points = scale[place - 1] if place <= len(scale) else rules.checkpoints.beyond
            totals[number] = totals.get(number, Decimal(0)) + points
    return totals
