"""Stewards' decisions (the penalties CSV, formats/penalties_csv) applied to a stored race.

A race whose timing laps are stored is classified again from them with the penalties, so every
kind works (a time or laps penalty can change the order): the decisions are kept with the laps,
in place of any earlier ones, and the race classified the way its season file would
(store.timed_results). A race known only by its result lines
(a results CSV) takes the decisions that need no laps: dsq, exclude and drop (places down in its
class); a time or laps penalty there is a problem, never ignored. Either way each applied decision
is written into the line's note, so the round page shows it, and the standings follow.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, select, update

from pitboard.domain import FinishStatus, Problem
from pitboard.domain.classification import Penalty, PenaltyKind
from pitboard.domain.problems import show_found
from pitboard.domain.timing import SessionKind
from pitboard.store import schema as t
from pitboard.store.timed_results import classify_timed_races
from pitboard.store.timing_rows import read_timing_session, set_penalties

# What a penalty does to a result line when the race has no laps to classify again from.
LINE_STATUSES = {
    PenaltyKind.DSQ: FinishStatus.DSQ,  # disqualified from the race: scores nothing
    PenaltyKind.EXCLUDE: FinishStatus.EXC,  # shown, excluded from the championship
}


def apply_penalties(conn: Connection, season_id: str, round_id: int, race_number: int,
                    penalties: Sequence[Penalty], file: str, problems: list[Problem]) -> None:
    """Apply every decision to one race of a stored round; problems name the file's lines."""
    race_id = conn.execute(
        select(t.races.c.id).where(t.races.c.round_id == round_id,
                                   t.races.c.number == race_number)
    ).scalar()
    session = read_timing_session(conn, round_id, race_number, SessionKind.RACE)
    if session is not None:
        cars = sorted({car.number for car in session.cars if car.number}, key=_by_number)
        unknown = [p for p in penalties if p.number not in cars]
        if unknown:
            problems.extend(_unknown_car(p, file, cars) for p in unknown)
            return
        set_penalties(conn, round_id, race_number, penalties)
        classify_timed_races(conn, season_id, problems, {(round_id, race_number)})
        return
    if race_id is None:
        problems.append(Problem(file, None, "race", "a race of the round with results or timing",
                                show_found(race_number)))
        return
    for penalty in penalties:
        _apply_to_lines(conn, race_id, penalty, file, problems)


def note_of(penalty: Penalty) -> str:
    """As the classification prints a decision beside a car: 'DSQ (ride height)'."""
    return f"{penalty.describe()} ({penalty.reason})" if penalty.reason else penalty.describe()


def _unknown_car(penalty: Penalty, file: str, numbers: Sequence[str | None]) -> Problem:
    line = penalty.source.line if penalty.source else None
    known = ", ".join(n for n in numbers if n) or "none"
    return Problem(file, line, "number", f"a numbered car of the race ({known})",
                   show_found(penalty.number))


def _by_number(number: str) -> tuple[int, str]:
    return (int(number), number) if number.isdigit() else (10**9, number)


def _apply_to_lines(conn: Connection, race_id: int, penalty: Penalty, file: str,
                    problems: list[Problem]) -> None:
    line = penalty.source.line if penalty.source else None
    rows = list(conn.execute(
        select(t.result_lines.c.id, t.result_lines.c.number, t.result_lines.c.class_code,
               t.result_lines.c.place, t.result_lines.c.status, t.result_lines.c.note)
        .where(t.result_lines.c.race_id == race_id)
        .order_by(t.result_lines.c.place.asc().nulls_last(), t.result_lines.c.seq)
    ))
    target = next((r for r in rows if r.number == penalty.number), None)
    if target is None:
        problems.append(_unknown_car(penalty, file, [r.number for r in rows]))
        return
    if penalty.kind not in LINE_STATUSES and penalty.kind is not PenaltyKind.DROP:
        problems.append(Problem(
            file, line, "kind",
            "dsq, exclude or drop (a race stored as result lines only; a "
            f"{penalty.kind.value} penalty needs the race's timing data)",
            show_found(penalty.kind.value),
        ))
        return
    words = note_of(penalty)
    note = f"{target.note}; {words}" if target.note else words
    status = LINE_STATUSES.get(penalty.kind)
    if status is not None:
        conn.execute(update(t.result_lines).where(t.result_lines.c.id == target.id)
                     .values(status=status.value, note=note))
        return
    classified = [r for r in rows if r.class_code == target.class_code
                  and r.status == FinishStatus.CLASSIFIED.value]
    if target not in classified:
        problems.append(Problem(file, line, "kind", "a place drop for a classified car",
                                f"drop for #{penalty.number}, {target.status}"))
        return
    places = [r.place for r in classified]
    order = [r for r in classified if r.id != target.id]
    order.insert(min(classified.index(target) + int(penalty.value), len(order)), target)
    for place, row in zip(places, order, strict=True):
        values = {"place": place, **({"note": note} if row.id == target.id else {})}
        conn.execute(update(t.result_lines).where(t.result_lines.c.id == row.id).values(**values))
