"""Points for one race: class places, points beyond the scale, the pole point, guests."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pitboard.domain import FinishStatus, Race, ResultLine, Round, Season
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

    @property
    def points(self) -> Decimal:
        return self.place_points + self.pole_points


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
    scored: dict[str, list[ScoredLine]] = {}
    for class_code in race.classes():
        lines = class_order([ln for ln in race.results if ln.class_code == class_code])
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
                    place_points = rules.points_for_place(scoring_place) * race.multiplier
            if marked:
                is_pole = line is marked[0]
            else:
                is_pole = pole_number is not None and line.number == pole_number
            pole_points = Decimal(0)
            if is_pole and can_score and (
                line.status.is_classified or not rules.pole_points_need_classification
            ):
                pole_points = rules.pole_points
            out.append(ScoredLine(line, position, place_points, is_pole, pole_points))
        scored[class_code] = out
    return scored
