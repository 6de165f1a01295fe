"""Qualifying from lap data: each car's qualifying time, then the grid and class poles.

The time is the car's best valid lap, or, under the WEC rule, the average of the best laps of
N of its drivers. Deleted laps (track limits) never count; a disallowed car keeps its place in
the list but starts from the back (engine.qualifying orders the grid).
"""

from __future__ import annotations

from collections.abc import Iterable

from pitboard.domain import FinishStatus, QualifyingLine, QualifyingSession
from pitboard.domain.classification import (
    ClassBest,
    Classification,
    ClassifiedCar,
    Gap,
    Penalty,
)
from pitboard.domain.timing import Lap, TimedCar, TimingSession
from pitboard.engine.penalties import Adjustments, adjustments_by_car
from pitboard.engine.qualifying import grid_order
from pitboard.rules import RuleSet


def counting_laps(car: TimedCar, adjust: Adjustments) -> list[Lap]:
    """Laps whose time may count: timed, valid, not deleted by the stewards."""
    return [
        lap for lap in car.laps
        if lap.valid and lap.time_seconds is not None and lap.number not in adjust.deleted_laps
    ]


def qualifying_time(
    car: TimedCar, adjust: Adjustments, drivers_averaged: int | None
) -> tuple[float | None, Lap | None]:
    """The car's qualifying time and its best lap; None when it has no time that counts.

    With `drivers_averaged` N, the N fastest drivers' best laps are averaged; a car with fewer
    than N drivers timed has no qualifying time.
    """
    laps = counting_laps(car, adjust)
    if not laps:
        return car.stated_best_lap_seconds, None
    best = min(laps, key=lambda lap: (lap.time_seconds or 0.0, lap.number))
    if drivers_averaged is None:
        return best.time_seconds, best
    per_driver: dict[str, float] = {}
    for lap in laps:
        name = lap.driver or ""
        seconds = lap.time_seconds or 0.0
        per_driver[name] = min(per_driver.get(name, seconds), seconds)
    fastest = sorted(per_driver.values())[:drivers_averaged]
    if len(fastest) < drivers_averaged:
        return None, best
    return round(sum(fastest) / drivers_averaged, 3), best


def qualifying_session(
    session: TimingSession, rules: RuleSet | None = None, penalties: Iterable[Penalty] = ()
) -> QualifyingSession:
    """The session as qualifying results, in the source's order (grid_order sorts them)."""
    rules = rules or RuleSet()
    adjustments = adjustments_by_car(penalties, [car.number for car in session.cars])
    lines = []
    for order, car in enumerate(session.cars, start=1):
        adjust = adjustments.get(car.number, Adjustments())
        seconds, _ = qualifying_time(car, adjust, rules.qualifying_drivers_averaged)
        lines.append(
            QualifyingLine(
                order=order,
                class_code=car.class_code,
                number=car.number,
                team=car.team,
                drivers=tuple(d.name for d in car.drivers),
                time_seconds=seconds,
                disallowed=adjust.disallowed or adjust.disqualified,
                note="; ".join(
                    f"{p.describe()} ({p.reason})" if p.reason else p.describe()
                    for p in adjust.penalties
                ),
                source=car.source,
            )
        )
    return QualifyingSession(name=session.name or "Qualifying", lines=tuple(lines))


def classify_by_best_lap(
    session: TimingSession, rules: RuleSet, penalties: Iterable[Penalty] = ()
) -> Classification:
    """A qualifying or practice session's classification: the grid order, gaps to the fastest."""
    penalties = tuple(penalties)
    adjustments = adjustments_by_car(penalties, [car.number for car in session.cars])
    grid = grid_order(qualifying_session(session, rules, penalties))
    rows: list[ClassifiedCar] = []
    class_count: dict[str, int] = {}
    class_first: dict[str, float | None] = {}
    class_bests: dict[str, ClassBest] = {}
    pole = grid[0].time_seconds if grid else None
    for position, line in enumerate(grid, start=1):
        car = session.cars[line.order - 1]  # by place in the source: sim numbers repeat
        adjust = adjustments.get(car.number, Adjustments())
        seconds, best = qualifying_time(car, adjust, rules.qualifying_drivers_averaged)
        counted = seconds if not line.disallowed else None
        code = car.class_code
        class_count[code] = class_count.get(code, 0) + 1
        class_first.setdefault(code, counted)
        if counted is not None and code not in class_bests:
            class_bests[code] = ClassBest(
                class_code=code, number=car.number, seconds=counted,
                lap=best.number if best else car.stated_best_lap_number,
                driver=best.driver if best else None,
            )
        rows.append(
            ClassifiedCar(
                position=position,
                class_code=code,
                class_position=class_count[code],
                number=car.number,
                team=car.team,
                group=car.group,
                vehicle=car.vehicle,
                manufacturer=car.manufacturer,
                drivers=tuple(d.name for d in car.drivers),
                laps=len(car.laps) or (car.stated_laps or 0),
                status=_status(car, line),
                excluded=adjust.excluded,
                gap=_time_gap(pole, counted, position),
                class_gap=_time_gap(class_first[code], counted, class_count[code]),
                best_lap_seconds=counted,
                best_lap_number=best.number if best else car.stated_best_lap_number,
                penalties=tuple(adjust.penalties),
                source=car.source,
            )
        )
    return Classification(
        session_name=session.name,
        event=session.event,
        track=session.track,
        source_format=session.source_format,
        cars=tuple(rows),
        class_bests=tuple(class_bests.values()),
        source=session.source,
    )


def _status(car: TimedCar, line: QualifyingLine) -> FinishStatus:
    if car.stated_status is FinishStatus.DSQ or line.disallowed:
        return FinishStatus.DSQ if car.stated_status is FinishStatus.DSQ else FinishStatus.NC
    if not car.laps and not car.stated_laps and car.stated_best_lap_seconds is None:
        return FinishStatus.DNS
    return FinishStatus.CLASSIFIED if line.time_seconds is not None else FinishStatus.NC


def _time_gap(first: float | None, seconds: float | None, place: int) -> Gap | None:
    if place == 1 or first is None or seconds is None:
        return None
    return Gap(seconds=round(seconds - first, 3))

