"""A race classification from timing data: who finished where, on how many laps, how far behind.

The same function serves every timing source (Al Kamel, rFactor 2, ACC, iRacing): it reads lap
records where there are any and the source's stated figures where there are none.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from pydantic import TypeAdapter

from pitboard.domain import FinishStatus
from pitboard.domain.classification import (
    ClassBest,
    Classification,
    ClassifiedCar,
    DriverTime,
    Penalty,
    PenaltyKind,
)
from pitboard.domain.timing import Lap, SessionKind, TimedCar, TimingSession
from pitboard.engine.distance import WinnersDistance
from pitboard.engine.driving import driver_times, pit_stops
from pitboard.engine.penalties import Adjustments, adjustments_by_car, apply_drops
from pitboard.rules import RuleSet

# Two crossings closer than this are the same instant (timing resolution is a millisecond).
_SAME_INSTANT = 0.0005

# Status groups in the order official sheets list them.
_STATUS_GROUP = {
    FinishStatus.CLASSIFIED: 0,
    FinishStatus.EXC: 0,
    FinishStatus.NC: 1,
    FinishStatus.DNF: 1,
    FinishStatus.DNS: 2,
    FinishStatus.DSQ: 3,
}
_CLASSIFIED_CARS = TypeAdapter(list[ClassifiedCar])


@dataclass(frozen=True)
class LapFigures:
    """A car's counted laps reduced to what its classification line needs.

    Built from Lap records here and from lap columns in engine/lap_columns.py, so the rules that
    act on whole cars (statuses, order, gaps, penalties) exist once for both.
    """

    laps: int = 0  # highest lap number counted
    crossing_seconds: float | None = None  # race clock at the line ending the last counted lap
    took_flag: bool | None = None  # crossed the line after the finish; None: no crossing times
    best_seconds: float | None = None  # best valid lap, deleted laps left out
    best_number: int | None = None
    best_driver: str | None = None
    laps_led: int = 0
    pit_stops: int = 0
    pit_seconds: float | None = 0.0  # None: stops the source gives no time for
    driver_times: tuple[DriverTime, ...] = ()

    @property
    def has_crossings(self) -> bool:
        """Whether the laps carry crossing times, so laps and time come from them."""
        return self.took_flag is not None


@dataclass
class _Run:
    """One car's race as the classification sees it, before it gets a place."""

    car: TimedCar
    index: int  # order in the source, the last tie-break
    figures: LapFigures
    laps: int
    race_seconds: float | None
    took_flag: bool | None
    adjust: Adjustments
    status: FinishStatus = FinishStatus.CLASSIFIED


def classify(
    session: TimingSession,
    rules: RuleSet | None = None,
    penalties: Iterable[Penalty] = (),
) -> Classification:
    """The session's classification, by the strategy its kind calls for.

    A race is ordered by laps then by time at the line; a qualifying or practice session by
    best lap (see engine.qualifying_laps).
    """
    rules = rules or RuleSet()
    if session.kind is SessionKind.RACE:
        return classify_race(session, rules, penalties)
    from pitboard.engine.qualifying_laps import classify_by_best_lap

    return classify_by_best_lap(session, rules, penalties)


def finish_seconds(session: TimingSession) -> float | None:
    """The race clock when the chequered flag fell: see `finish_from_crossings`."""
    return finish_from_crossings(
        [crossings_of(car) for car in session.cars],
        session.scheduled_laps, session.scheduled_seconds,
    )


def crossings_of(car: TimedCar) -> npt.NDArray[np.float64]:
    """The race clock at each of the car's crossings of the line, in lap order."""
    return np.array([lap.elapsed_seconds for lap in car.laps if lap.elapsed_seconds is not None],
                    dtype=np.float64)


def finish_from_crossings(
    crossings: Sequence[npt.NDArray[np.float64]],
    scheduled_laps: int | None,
    scheduled_seconds: float | None,
) -> float | None:
    """The race clock when the chequered flag fell, from each car's crossings in lap order.

    The flag is shown to the leader, and the leader is whoever is ahead when crossing the line,
    not whoever led before: in a distance race it falls for the first car to complete the
    scheduled laps; in a time-certain race for the first car to cross the line after the
    scheduled time on the lead lap, that is completing one lap more than any car had completed
    when time ran out (a car passed on the last lap is not the one the flag waits for). When
    both limits are set, whichever comes first ends the race. When the session states neither,
    or the data ends before the flag, the data ends with the finish: the last crossing of the
    car with most laps (earliest first among equals).
    """
    crossings = [c for c in crossings if c.size]
    if not crossings:
        return None
    ends: list[float] = []
    if scheduled_laps:
        done = [float(c[scheduled_laps - 1]) for c in crossings if c.size >= scheduled_laps]
        if done:
            ends.append(min(done))
    if scheduled_seconds is not None:
        lead_laps = max(int(np.count_nonzero(c <= scheduled_seconds)) for c in crossings)
        after = [float(c[lead_laps]) for c in crossings if c.size > lead_laps]
        if after:
            ends.append(min(after))
    if ends:
        return min(ends)
    leader = max(crossings, key=lambda c: (c.size, -float(c[-1])))
    return float(leader[-1])


def classify_race(
    session: TimingSession, rules: RuleSet, penalties: Iterable[Penalty] = ()
) -> Classification:
    """Order by laps completed, then by the time the car crossed the line ending its last lap.

    Laps after a car's first crossing after the finish do not count. A car is classified if it
    took the chequered flag (when the rules require it) and covered the rule set's share of the
    winner's distance; otherwise NC, or DNF when it stopped before the finish.
    """
    finish = finish_seconds(session)
    adjustments = adjustments_by_car(penalties, [car.number for car in session.cars])
    clocked = any(lap.elapsed_seconds is not None for car in session.cars for lap in car.laps)
    counted = [_counted(car, finish, clocked) for car in session.cars]
    led = _laps_led([laps for laps, _ in counted])
    figures = [
        _figures(laps, took_flag, led[i], adjustments.get(car.number, Adjustments()), rules)
        for i, (car, (laps, took_flag)) in enumerate(zip(session.cars, counted, strict=True))
    ]
    return classify_figures(session, finish, figures, rules, adjustments)


def classify_figures(
    session: TimingSession,
    finish: float | None,
    figures: Sequence[LapFigures],
    rules: RuleSet,
    adjustments: dict[str, Adjustments],
) -> Classification:
    """The race classification from each car's lap figures (in `session.cars` order)."""
    runs = [
        _run(car, i, fig, adjustments.get(car.number, Adjustments()))
        for i, (car, fig) in enumerate(zip(session.cars, figures, strict=True))
    ]
    _decide_statuses(runs, rules)
    order = sorted(runs, key=_order_key)
    order = apply_drops(order, [run.adjust.drop for run in order],
                        lambda run: (_STATUS_GROUP[run.status], run.car.class_code))
    return Classification(
        session_name=session.name,
        event=session.event,
        track=session.track,
        source_format=session.source_format,
        finish_seconds=finish,
        cars=tuple(_lines(order, rules)),
        class_bests=tuple(_class_bests(order)),
        source=session.source,
    )


def _counted(car: TimedCar, finish: float | None, clocked: bool) -> tuple[list[Lap], bool | None]:
    """The laps that count, up to the first crossing after the finish, and whether it came.

    In a session whose laps carry no race clock (ACC) every lap counts and the flag cannot be
    judged (None). Where the session has a clock, a car whose laps never show it (every lap
    corrupted, as game servers write a car that left) has no crossing after the finish either.
    """
    if not car.laps:
        return [], None
    if not clocked:
        return list(car.laps), None
    counted: list[Lap] = []
    for lap in car.laps:
        counted.append(lap)
        elapsed = lap.elapsed_seconds
        if finish is not None and elapsed is not None and elapsed >= finish - _SAME_INSTANT:
            return counted, True
    return counted, False


def _figures(
    counted: Sequence[Lap], took_flag: bool | None, laps_led: int, adjust: Adjustments,
    rules: RuleSet,
) -> LapFigures:
    if not counted:
        return LapFigures(took_flag=took_flag)
    crossed = [lap.elapsed_seconds for lap in counted if lap.elapsed_seconds is not None]
    timed = [
        lap for lap in counted
        if lap.valid and lap.time_seconds is not None and lap.number not in adjust.deleted_laps
    ]
    best = min(timed, key=lambda lap: (lap.time_seconds or 0.0, lap.number)) if timed else None
    stops, pit_seconds = pit_stops(counted)
    return LapFigures(
        laps=max(lap.number for lap in counted),
        crossing_seconds=crossed[-1] if crossed else None,
        took_flag=took_flag,
        best_seconds=best.time_seconds if best else None,
        best_number=best.number if best else None,
        best_driver=best.driver if best else None,
        laps_led=laps_led,
        pit_stops=stops,
        pit_seconds=pit_seconds,
        driver_times=driver_times(counted, rules.min_driver_seconds),
    )


def _run(car: TimedCar, index: int, figures: LapFigures, adjust: Adjustments) -> _Run:
    """Laps and time at the line from the crossings; from the stated figures when the laps carry
    no session clock (ACC) or there are no laps (iRacing)."""
    if figures.has_crossings:
        laps = figures.laps
        race_seconds = figures.crossing_seconds
    else:
        laps = car.stated_laps if car.stated_laps is not None else figures.laps
        race_seconds = car.stated_total_seconds
    if race_seconds is not None:
        race_seconds = round(race_seconds + car.penalty_seconds + adjust.seconds, 3)
    return _Run(
        car=car,
        index=index,
        figures=figures,
        laps=max(laps - adjust.laps, 0),
        race_seconds=race_seconds,
        took_flag=figures.took_flag,
        adjust=adjust,
    )


def _laps_led(counted: Sequence[Sequence[Lap]]) -> list[int]:
    """A car leads a lap when it is the first to complete that lap number."""
    first: dict[int, tuple[float, int]] = {}
    for i, laps in enumerate(counted):
        for lap in laps:
            if lap.elapsed_seconds is None:
                continue
            best = first.get(lap.number)
            if best is None or lap.elapsed_seconds < best[0]:
                first[lap.number] = (lap.elapsed_seconds, i)
    led = [0] * len(counted)
    for _, i in first.values():
        led[i] += 1
    return led


def _decide_statuses(runs: Sequence[_Run], rules: RuleSet) -> None:
    """Stated verdicts and penalties first, then the flag and distance rules."""
    for run in runs:
        run.status = _stated_or_penalised(run)
    winners = WinnersDistance.of(
        ((run.car.class_code, run.laps) for run in runs
         if run.status is FinishStatus.CLASSIFIED
         and (run.took_flag is not False or not rules.chequered_flag_required)), rules)
    for run in runs:
        if run.status is not FinishStatus.CLASSIFIED:
            continue
        stated = run.car.stated_status is FinishStatus.CLASSIFIED
        if stated and not run.figures.has_crossings:
            continue
        if run.took_flag is False and rules.chequered_flag_required:
            run.status = FinishStatus.DNF
            continue
        if run.laps < winners.needed(run.car.class_code):
            run.status = FinishStatus.NC


def _stated_or_penalised(run: _Run) -> FinishStatus:
    stated = run.car.stated_status
    if run.adjust.disqualified or stated is FinishStatus.DSQ:
        return FinishStatus.DSQ
    if stated in {FinishStatus.DNS, FinishStatus.DNF, FinishStatus.NC}:
        return stated
    if run.laps == 0 and not run.figures.has_crossings and stated is None:
        return FinishStatus.DNS
    return FinishStatus.CLASSIFIED


def _order_key(run: _Run) -> tuple[int, int, float, int, int]:
    """Sort key of the overall order, criteria in turn:

    1. status group: classified; not classified or retired; did not start; disqualified
    2. more laps first
    3. earlier time at the line ending the last lap (with time penalties) first
    4. the source's own position, where it gives one
    5. the order of the source
    """
    time = run.race_seconds if run.race_seconds is not None else float("inf")
    stated = run.car.stated_position if run.car.stated_position is not None else 1 << 30
    return (_STATUS_GROUP[run.status], -run.laps, time, stated, run.index)


def _gap(ahead: _Run | None, car: _Run) -> dict[str, float] | None:
    """The fields of the `Gap` behind `ahead`, or None (the car itself, disqualified, or ahead)."""
    if ahead is None or ahead is car or car.status is FinishStatus.DSQ:
        return None
    laps = ahead.laps - car.laps
    if laps < 0:
        return None
    if laps > 0:
        return {"laps": laps}
    stated_ahead, stated = ahead.car.stated_gap_seconds, car.car.stated_gap_seconds
    if stated_ahead is not None and stated is not None:  # the source's own, to its resolution
        return {"seconds": round(stated + _added(car) - stated_ahead - _added(ahead), 3)}
    if ahead.race_seconds is None or car.race_seconds is None:
        return {}
    return {"seconds": round(car.race_seconds - ahead.race_seconds, 3)}


def _added(run: _Run) -> float:
    return run.car.penalty_seconds + run.adjust.seconds


def _best_lap(run: _Run) -> tuple[float | None, int | None]:
    if run.figures.best_seconds is None:
        return run.car.stated_best_lap_seconds, run.car.stated_best_lap_number
    return run.figures.best_seconds, run.figures.best_number


def _lines(order: Sequence[_Run], rules: RuleSet) -> list[ClassifiedCar]:
    """Each car's line, in order; all validated in one call, half the cost of one by one."""
    leader = order[0] if order else None
    class_leader: dict[str, _Run] = {}
    class_previous: dict[str, _Run] = {}
    class_count: dict[str, int] = {}
    previous: _Run | None = None
    lines: list[dict[str, object]] = []
    for position, run in enumerate(order, start=1):
        car = run.car
        code = car.class_code
        class_count[code] = class_count.get(code, 0) + 1
        class_leader.setdefault(code, run)
        best, best_number = _best_lap(run)
        figures = run.figures
        lines.append(
            {
                "position": position,
                "class_code": code,
                "class_position": class_count[code],
                "number": car.number,
                "team": car.team,
                "group": car.group,
                "vehicle": car.vehicle,
                "manufacturer": car.manufacturer,
                "drivers": tuple(d.name for d in car.drivers),
                "laps": run.laps,
                "status": run.status,
                "excluded": run.adjust.excluded,
                "race_seconds": run.race_seconds,
                "gap": _gap(leader, run),
                "interval": _gap(previous, run),
                "class_gap": _gap(class_leader[code], run),
                "class_interval": _gap(class_previous.get(code), run),
                "best_lap_seconds": best,
                "best_lap_number": best_number,
                "laps_led": figures.laps_led,
                "pit_stops": figures.pit_stops,
                "pit_seconds": figures.pit_seconds,
                "driver_times": figures.driver_times,
                "penalties": (*_stated_time_penalties(car), *run.adjust.penalties),
                "took_flag": run.took_flag,
                "source": car.source,
            }
        )
        previous = run
        class_previous[code] = run
    return _CLASSIFIED_CARS.validate_python(lines)


def _stated_time_penalties(car: TimedCar) -> list[Penalty]:
    """The source's own time penalties that are in its result, shown beside the car."""
    return [
        Penalty(
            number=car.number,
            kind=PenaltyKind.TIME,
            value=p.seconds,
            reason=p.reason or p.kind,
            source=p.source,
        )
        for p in car.stated_penalties
        if p.in_result and p.seconds
    ]


def _class_bests(order: Sequence[_Run]) -> list[ClassBest]:
    bests: dict[str, ClassBest] = {}
    for run in order:
        seconds, number = _best_lap(run)
        if seconds is None:
            continue
        code = run.car.class_code
        if code not in bests or seconds < bests[code].seconds:
            driver = run.figures.best_driver if number is not None else None
            bests[code] = ClassBest(
                class_code=code, number=run.car.number, seconds=seconds, lap=number, driver=driver
            )
    return list(bests.values())
