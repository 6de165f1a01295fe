"""The order cars finished a race in: within a class, and across a group of classes.

A class's order is its own places. Across classes (a championship scored on the order of all
prototypes) each class keeps its own order and the classes are merged by the overall finishing
place the source gives (`ResultLine.position`); where it gives none, by laps, then by race time.
Where neither settles which of two cars of different classes finished ahead, the result lines
lacking the facts are reported as located problems.
"""

from __future__ import annotations

from collections.abc import Sequence

from pitboard.domain import InputError, Problem, ResultLine
from pitboard.domain.durations import parse_duration


def class_order(lines: Sequence[ResultLine]) -> list[ResultLine]:
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


def race_seconds(line: ResultLine) -> float | None:
    """The line's race time in seconds; None for a gap ("+1:02.3", "1 lap") or no time."""
    text = (line.time or "").strip()
    if not text or text.startswith("+"):
        return None
    return parse_duration(text)


def finished_ahead(a: ResultLine, b: ResultLine) -> bool | None:
    """Whether car `a` finished ahead of car `b` of another class; None: the record cannot say.

    The overall place decides; without it, more laps; on equal laps, the shorter race time.
    """
    if a.position is not None and b.position is not None:
        return a.position < b.position
    if a.laps is not None and b.laps is not None:
        if a.laps != b.laps:
            return a.laps > b.laps
        a_time, b_time = race_seconds(a), race_seconds(b)
        if a_time is not None and b_time is not None and a_time != b_time:
            return a_time < b_time
    return None


def combined_order(lines: Sequence[ResultLine], classes: Sequence[str]) -> list[ResultLine]:
    """Cars of several classes in the order they finished: each class in its own order, the
    classes merged car by car by `finished_ahead`; then the unclassified cars.

    InputError names every result line whose overall place (or laps and time) the merge needed
    and did not find.
    """
    by_class: dict[str, list[ResultLine]] = {}
    for line in class_order([ln for ln in lines if ln.status.is_classified]):
        by_class.setdefault(line.class_code, []).append(line)
    queues = [by_class[code] for code in dict.fromkeys(classes) if code in by_class]
    queues += [q for code, q in by_class.items() if code not in classes]
    merged: list[ResultLine] = []
    lacking: dict[int, ResultLine] = {}
    while any(queues):
        heads = [q for q in queues if q]
        leader = heads[0]
        for queue in heads[1:]:
            ahead = finished_ahead(queue[0], leader[0])
            if ahead is None:
                for line in (queue[0], leader[0]):
                    if line.position is None:
                        lacking.setdefault(id(line), line)
            elif ahead:
                leader = queue
        merged.append(leader.pop(0))
    if lacking:
        raise InputError([_unplaced(line, classes) for line in lacking.values()])
    return merged + class_order([ln for ln in lines if not ln.status.is_classified])


def _unplaced(line: ResultLine, classes: Sequence[str]) -> Problem:
    source = line.source
    found = (
        f"no overall place; {line.laps} laps, which did not settle it"
        if line.laps is not None else "no overall place and no laps"
    )
    return Problem(
        source.file if source else "results",
        source.line if source else None,
        "overall",
        f"{line.car_label}'s overall finishing place (an `overall` column), or its laps and "
        f"race time, to order it among {' and '.join(dict.fromkeys(classes))}",
        found,
    )
