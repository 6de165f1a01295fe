"""Post-session decisions gathered per car, and the place drops applied to a finished order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from pitboard.domain import InputError, Problem
from pitboard.domain.classification import Penalty, PenaltyKind

T = TypeVar("T")


@dataclass
class Adjustments:
    """Everything the penalties file decided about one car."""

    seconds: float = 0.0
    laps: int = 0
    drop: int = 0
    disqualified: bool = False
    excluded: bool = False
    disallowed: bool = False
    deleted_laps: set[int] = field(default_factory=set)
    penalties: list[Penalty] = field(default_factory=list)


def adjustments_by_car(
    penalties: Iterable[Penalty], numbers: Iterable[str]
) -> dict[str, Adjustments]:
    """Sum each car's penalties, given the number of every car of the session.

    A penalty for a number no car carries is a problem, and so is one for a number several
    cars share (sim servers repeat numbers): which car it meant cannot be known.
    """
    carried = Counter(numbers)
    by_car: dict[str, Adjustments] = {}
    problems = []
    for penalty in penalties:
        if carried[penalty.number] > 1:
            problems.append(
                Problem(
                    penalty.source.file if penalty.source else "penalties",
                    penalty.source.line if penalty.source else None,
                    "number",
                    "the number of one car of the session",
                    f"{penalty.number!r}, carried by {carried[penalty.number]} cars",
                )
            )
            continue
        if penalty.number not in carried:
            problems.append(
                Problem(
                    penalty.source.file if penalty.source else "penalties",
                    penalty.source.line if penalty.source else None,
                    "number",
                    "the number of a car in the session",
                    repr(penalty.number),
                )
            )
            continue
        adjust = by_car.setdefault(penalty.number, Adjustments())
        adjust.penalties.append(penalty)
        match penalty.kind:
            case PenaltyKind.TIME:
                adjust.seconds += penalty.value
            case PenaltyKind.LAPS:
                adjust.laps += int(penalty.value)
            case PenaltyKind.DROP:
                adjust.drop += int(penalty.value)
            case PenaltyKind.DSQ:
                adjust.disqualified = True
            case PenaltyKind.EXCLUDE:
                adjust.excluded = True
            case PenaltyKind.DELETE_LAP:
                adjust.deleted_laps.add(int(penalty.value))
            case PenaltyKind.DISALLOW:
                adjust.disallowed = True
    if problems:
        raise InputError(problems)
    return by_car


def apply_drops(order: Sequence[T], drops: Sequence[int]) -> list[T]:
    """Move each item down by its number of places, the lowest placed first so drops don't clash.

    `drops[i]` is how many places `order[i]` loses; it never falls below the last place.
    """
    result = list(order)
    for index in sorted(range(len(order)), key=lambda i: -i):
        places = drops[index]
        if places <= 0:
            continue
        item = order[index]
        current = result.index(item)
        result.pop(current)
        result.insert(min(current + places, len(result)), item)
    return result
