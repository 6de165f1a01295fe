"""The stewards' decisions: one meaning per kind, for races classified from timing and for
races given as result lines alike.

What each kind does (FIA International Sporting Code, art. 12.4: time penalties, a drop of places
in the classification, disqualification; exclusion from a championship as the ACO series'
sporting regulations use it):

* `time`: seconds added to the car's race time; the order is made again with it.
* `laps`: laps taken off the car's distance; the order is made again with it.
* `drop`: places lost in the car's own class, among the classified cars of that class (in a
  multi-class race the class order is the one that scores, and a drop of places in the overall
  order would leave the class order as it was whenever the cars passed belong to other classes);
  in the overall order the car goes just behind the last class rival it dropped behind.
* `dsq`: disqualified from the race: listed last, scores nothing, its places pass to the others.
* `exclude`: stays in the race's order but is excluded from the championship: scores nothing and
  passes its places on.
* `delete_lap`, `disallow`: qualifying only (a lap time deleted; every time disallowed).

A race known only by its result lines has no times or laps to add to: a `time` or `laps`
decision on it is a located problem, never ignored.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from pitboard.domain import FinishStatus, InputError, Problem, ResultLine
from pitboard.domain.classification import Penalty, PenaltyKind
from pitboard.domain.problems import show_found

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


def apply_drops(
    order: Sequence[T], drops: Sequence[int], group: Callable[[T], Hashable]
) -> list[T]:
    """Move each item down by its number of places among the items of its own group (its class)
    that follow it, the lowest placed first so drops don't clash.

    `drops[i]` is how many places `order[i]` loses; it never falls below the last of its group,
    and items of other groups keep their places relative to each other.
    """
    result = list(order)
    for index in sorted(range(len(order)), key=lambda i: -i):
        places = drops[index]
        if places <= 0:
            continue
        item = order[index]
        current = result.index(item)
        mine = group(item)
        behind = [j for j in range(current + 1, len(result)) if group(result[j]) == mine]
        if not behind:
            continue
        target = result[behind[min(places, len(behind)) - 1]]
        result.pop(current)
        result.insert(result.index(target) + 1, item)
    return result


# What a decision does to a result line when the race has no laps to classify again from.
_LINE_STATUSES = {
    PenaltyKind.DSQ: FinishStatus.DSQ,
    PenaltyKind.EXCLUDE: FinishStatus.EXC,
}


def penalised_lines(
    lines: Sequence[ResultLine], penalties: Sequence[Penalty]
) -> tuple[ResultLine, ...]:
    """A race's result lines with the stewards' decisions applied, each written into the
    line's note; InputError lists every decision that cannot apply to result lines."""
    by_car = adjustments_by_car(penalties, [line.number for line in lines if line.number])
    problems = [
        _needs_timing(p) for adjust in by_car.values() for p in adjust.penalties
        if p.kind not in _LINE_STATUSES and p.kind is not PenaltyKind.DROP
    ]
    if problems:
        raise InputError(problems)
    changed = []
    for line in lines:
        adjust = by_car.get(line.number or "")
        if adjust is None:
            changed.append(line)
            continue
        note = "; ".join([line.note, *(p.note() for p in adjust.penalties)] if line.note
                         else [p.note() for p in adjust.penalties])
        status = (FinishStatus.DSQ if adjust.disqualified
                  else FinishStatus.EXC if adjust.excluded else line.status)
        changed.append(line.model_copy(update={"status": status, "note": note}))
    return _dropped(changed, {n: a.drop for n, a in by_car.items() if a.drop})


def _dropped(lines: list[ResultLine], drops: dict[str, int]) -> tuple[ResultLine, ...]:
    """Result lines after place drops: each class's classified cars reordered by `apply_drops`,
    the places (and overall positions) they held handed out again in the new order."""
    if not drops:
        return tuple(lines)
    classified = sorted(
        (i for i, line in enumerate(lines) if line.status.is_classified),
        key=lambda i: (lines[i].order is None, lines[i].order or 0, i),
    )
    order = apply_drops(classified, [drops.get(lines[i].number or "", 0) for i in classified],
                        lambda i: lines[i].class_code)
    result = list(lines)
    for code in {lines[i].class_code for i in classified}:
        before = [i for i in classified if lines[i].class_code == code]
        after = [i for i in order if lines[i].class_code == code]
        for held, moved in zip(before, after, strict=True):
            result[moved] = lines[moved].model_copy(update={
                "order": lines[held].order, "position": lines[held].position})
    return tuple(result)


def _needs_timing(penalty: Penalty) -> Problem:
    return Problem(
        penalty.source.file if penalty.source else "penalties",
        penalty.source.line if penalty.source else None, "kind",
        "dsq, exclude or drop for a race given as result lines (a "
        f"{penalty.kind.value} penalty needs the race's timing data)",
        show_found(penalty.kind.value))
