"""Points for one race: places in the order a championship scores on, points beyond the scale,
the pole point, guests.

The rule set may also pick a scale by race length, reduce the points of a race stopped short,
give points at checkpoints, and withhold the points of a car whose line-up broke a rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pitboard.domain import Race, ResultLine, Round, Season
from pitboard.domain.standings import TableKind
from pitboard.engine.eligibility import withheld_cars
from pitboard.engine.field import belongs, scores_car
from pitboard.engine.order import class_order, combined_order
from pitboard.engine.qualifying import class_poles
from pitboard.rules import Championship, Places, RuleSet, class_championship

__all__ = ["ScoredLine", "checkpoint_points", "class_order", "score_in_order", "score_race",
           "scores_car"]


@dataclass(frozen=True, slots=True)
class ScoredLine:
    """A result line with its place in the order it was scored on and the points it earned."""

    line: ResultLine
    # Among the classified cars of that order (its class, or a group of classes), guests
    # included; None when not classified.
    class_position: int | None
    place_points: Decimal
    pole: bool
    pole_points: Decimal
    checkpoint_points: Decimal = Decimal(0)
    withheld: str = ""  # why this car's points were withheld (a line-up breach), if they were

    @property
    def points(self) -> Decimal:
        return self.place_points + self.pole_points + self.checkpoint_points


def score_race(
    race: Race,
    rules: RuleSet,
    season: Season | None = None,
    round_: Round | None = None,
) -> dict[str, list[ScoredLine]]:
    """Score every class of a race on its own order, as the results of a round show it."""
    return {
        code: score_in_order(race, rules, class_championship(code, TableKind.DRIVERS),
                             season, round_)
        for code in race.classes()
    }


def _poles(
    race: Race, championship: Championship, round_: Round | None
) -> dict[str, int | str | None]:
    """The pole of each class whose pole earns the championship's point: the line marked on
    pole (by its id), else the car number the qualifying gives."""
    from_qualifying = class_poles(round_.qualifying) if round_ and round_.qualifying else {}
    poles: dict[str, int | str | None] = {}
    for code in championship.poles_of:
        marked = class_order([ln for ln in race.results if ln.class_code == code and ln.pole])
        poles[code] = id(marked[0]) if marked else from_qualifying.get(code)
    return poles


def _is_pole(line: ResultLine, poles: dict[str, int | str | None]) -> bool:
    pole = poles.get(line.class_code)
    if isinstance(pole, int):
        return pole == id(line)
    return pole is not None and line.number == pole


def score_in_order(
    race: Race,
    rules: RuleSet,
    championship: Championship,
    season: Season | None = None,
    round_: Round | None = None,
) -> list[ScoredLine]:
    """The championship's cars in a race, in the order it scores on, with their points.

    `rules` is the rule set the championship scores with (`RuleSet.for_championship`). Cars of
    the order's other classes take places without scoring here; guests and cars outside the
    championship pass theirs on where `guests_pass_places` says so.
    """
    round_number = round_.number if round_ is not None else None
    in_order = [ln for ln in race.results if ln.class_code in championship.order_classes]
    ordered = (
        combined_order(in_order, championship.order_classes)
        if championship.combined else class_order(in_order)
    )
    scale = rules.scale_name(race)
    factor = rules.race_factor(race) * race.multiplier
    if round_number is not None:
        factor *= championship.multiplier(round_number)
    withheld = (
        withheld_cars(race, season, rules, round_)
        if season is not None and rules.lineup.withhold_points
        else {}
    )
    poles = _poles(race, championship, round_)
    checkpoints = {
        code: checkpoint_points(race, code, [ln for ln in in_order if ln.class_code == code],
                                rules, season)
        for code in championship.classes
    }
    position = 0
    scoring_place = 0
    placed_makes: set[str] = set()  # with `places: makes`, the makes whose best car has placed
    out: list[ScoredLine] = []
    for line in ordered:
        if line.unnamed:  # a car of the record whose name is lost still took its place
            position += line.status.is_classified
            scoring_place += line.status.is_classified
            continue
        member = belongs(line, championship, season, round_number)
        counts = member and scores_car(line, season, rules)
        if championship.places is Places.MAKES and line.status.is_classified and counts:
            counts = line.manufacturer not in placed_makes  # a make's other cars: no place
            placed_makes.add(line.manufacturer)
        scored_class = line.class_code in championship.classes
        can_score = counts and scored_class
        place: int | None = None
        place_points = Decimal(0)
        if line.status.is_classified:
            position += 1
            place = position
            if counts or not rules.guests_pass_places:
                scoring_place += 1
            if can_score:
                place_points = rules.points_for_place(scoring_place, scale) * factor
        if not (member and scored_class):
            continue
        is_pole = _is_pole(line, poles)
        pole_points = Decimal(0)
        if is_pole and can_score and (
            line.status.is_classified or not rules.pole_points_need_classification
        ):
            pole_points = rules.pole_points
        checkpoint = (
            checkpoints[line.class_code].get(line.number or "", Decimal(0))
            if can_score else Decimal(0)
        )
        reason = withheld.get(id(line), "")
        if reason:
            place_points = pole_points = checkpoint = Decimal(0)
        out.append(ScoredLine(line, place, place_points, is_pole, pole_points, checkpoint, reason))
    return out


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
