"""Race classification straight from lap columns, for files of tens of thousands of laps.

The per-lap rules of engine/classification.py (laps count up to the first crossing after the
finish, a lap is led by the first car to complete it, best lap, pit stops, stints) are written
here a second time as array operations over the rows of all cars at once; everything that acts
on whole cars (statuses, order, gaps, penalties) is the engine's own `classify_figures`.
tests/timing/test_fast_path.py checks that both give the same classification on every real file.

The rows come sorted by car then lap, so each car's laps are one run of rows and per-car figures
are sums and minima over runs (numpy), which is ten times quicker than grouping by key. Sums of
seconds are Python sums in lap order, as the per-lap rules add them, so they round the same.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt
import polars as pl
from pydantic import TypeAdapter

from pitboard.domain.classification import Classification, DriverTime, Penalty
from pitboard.domain.lap_columns import LapColumns
from pitboard.engine.classification import (
    _SAME_INSTANT,
    LapFigures,
    classify_figures,
    finish_from_crossings,
)
from pitboard.engine.penalties import adjustments_by_car
from pitboard.rules import RuleSet

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Flags = npt.NDArray[np.bool_]
# Every driver's time validated in one call, which costs half as much as one by one.
_DRIVER_TIMES = TypeAdapter(list[DriverTime])


def classify_lap_columns(
    columns: LapColumns,
    rules: RuleSet | None = None,
    penalties: Iterable[Penalty] = (),
) -> Classification:
    """The race classification of `columns.session` from its lap columns."""
    session, laps, drivers = columns.session, columns.laps, list(columns.drivers)
    rules = rules or RuleSet()
    adjustments = adjustments_by_car(penalties, [car.number for car in session.cars])
    cars = len(session.cars)
    car = laps["car"].to_numpy().astype(np.int64)
    if (np.diff(car) < 0).any():
        raise ValueError("lap columns must be sorted by car")
    elapsed = _floats(laps["elapsed"])
    crossed = ~np.isnan(elapsed)
    crossings_per_car = np.cumsum(np.bincount(car[crossed], minlength=cars))[:-1]
    finish = finish_from_crossings(
        np.split(elapsed[crossed], crossings_per_car),
        session.scheduled_laps, session.scheduled_seconds,
    )
    # A car's laps count up to its first crossing after the finish: a prefix of its run.
    flag = crossed & (elapsed >= (finish if finish is not None else np.inf) - _SAME_INSTANT)
    flags_before: Ints = np.cumsum(flag) - flag
    run_start = np.cumsum(np.bincount(car, minlength=cars)) - np.bincount(car, minlength=cars)
    rows = np.flatnonzero(flags_before == flags_before[run_start[car]])
    car, elapsed, crossed, flag = car[rows], elapsed[rows], crossed[rows], flag[rows]
    lap = laps["lap"].to_numpy().astype(np.int64)[rows]
    times = _floats(laps["time"])[rows]
    pit_in = laps["pit_in"].to_numpy().astype(bool)[rows]
    timed = ~np.isnan(times)
    if "valid" in laps.columns:
        timed &= laps["valid"].to_numpy().astype(bool)[rows]
    for index, entry in enumerate(session.cars):
        if entry.number in adjustments:
            for deleted in adjustments[entry.number].deleted_laps:
                timed &= ~((car == index) & (lap == deleted))
    driver = np.nan_to_num(_floats(laps["driver"]), nan=-1).astype(np.int64)[rows]

    present = np.flatnonzero(np.bincount(car, minlength=cars)).tolist()
    starts = np.flatnonzero(np.diff(car, prepend=-1))
    most_laps = np.maximum.reduceat(lap, starts).tolist() if car.size else []
    crossing_row = np.where(crossed, np.arange(car.size), -1)
    last_crossing = np.maximum.reduceat(crossing_row, starts).tolist() if car.size else []
    # As the per-lap rule: with no race clock in the whole session the flag cannot be judged.
    took_flag: list[bool | None] = (
        (np.bincount(car, weights=flag, minlength=cars) > 0).tolist() if crossed.any()
        else [None] * cars
    )
    stops = np.bincount(car, weights=pit_in, minlength=cars).astype(np.int64).tolist()
    pit_rows = _floats(laps["pit"])[rows]
    pit = np.bincount(car, weights=np.nan_to_num(pit_rows), minlength=cars).tolist()
    pit_timed = np.bincount(car, weights=~np.isnan(pit_rows), minlength=cars).tolist()
    led = _laps_led(car, lap, elapsed, crossed, cars).tolist()
    best = _best_rows(car, times, timed, cars)
    driving = _driver_times(car, driver, drivers, times, pit_in, rules.min_driver_seconds)
    figures = dict.fromkeys(range(cars), LapFigures())  # a car without laps
    for index, laps_done, last in zip(present, most_laps, last_crossing, strict=True):
        at = best.get(index)
        figures[index] = LapFigures(
            laps=laps_done,
            crossing_seconds=float(elapsed[last]) if last >= 0 else None,
            took_flag=took_flag[index],
            best_seconds=float(times[at]) if at is not None else None,
            best_number=int(lap[at]) if at is not None else None,
            best_driver=drivers[driver[at]] if at is not None and driver[at] >= 0 else None,
            laps_led=led[index], pit_stops=stops[index],
            pit_seconds=None if stops[index] and not pit_timed[index] else round(pit[index], 3),
            driver_times=driving.get(index, ()),
        )
    return classify_figures(session, finish, list(figures.values()), rules, adjustments)


def _floats(column: pl.Series) -> Floats:
    """A number column as floats, missing values as NaN (Polars' own conversion of nulls)."""
    return np.asarray(column.to_numpy(), dtype=np.float64)


def _laps_led(car: Ints, lap: Ints, elapsed: Floats, crossed: Flags, cars: int) -> Ints:
    """How many laps each car led: the first to complete a lap number leads it.

    Among equal times the lowest car index leads: rows are in car order and the first is kept.
    """
    rows = np.flatnonzero(crossed)
    if not rows.size:
        return np.zeros(cars, np.int64)
    number = lap[rows] - lap[rows].min()
    if number.max() > 4 * number.size:  # lap numbers far apart: number them densely
        number = np.unique(number, return_inverse=True)[1]
    fastest = np.full(int(number.max()) + 1, np.inf)
    np.minimum.at(fastest, number, elapsed[rows])
    first = elapsed[rows] == fastest[number]
    _, leader = np.unique(number[first], return_index=True)
    return np.bincount(car[rows[first][leader]], minlength=cars)


def _best_rows(car: Ints, times: Floats, timed: Flags, cars: int) -> dict[int, int]:
    """Row of each car's best timed lap; the earliest lap among equal times."""
    candidates = np.where(timed, times, np.inf)
    fastest = np.full(cars, np.inf)
    np.minimum.at(fastest, car, candidates)
    rows = np.flatnonzero(timed & (candidates == fastest[car]))
    first = np.ones(rows.size, bool)
    first[1:] = car[rows][1:] != car[rows][:-1]
    return dict(zip(car[rows[first]].tolist(), rows[first].tolist(), strict=True))


def _driver_times(
    car: Ints, driver: Ints, names: list[str], times: Floats, pit_in: Flags,
    min_seconds: float | None,
) -> dict[int, tuple[DriverTime, ...]]:
    """engine.driving.driver_times for every car at once: a stint ends at a pit stop or a change.

    `driver` indexes `names`, -1 where no driver is given: those rows are left out, as the
    per-lap rule skips them. `np.bincount` adds a group's weights one row after the other, so its
    seconds are the per-lap rule's sum.
    """
    driven = np.flatnonzero(driver >= 0)
    if not driven.size:
        return {}
    car, driver, times, pit_in = car[driven], driver[driven], times[driven], pit_in[driven]
    new_stint = np.ones(driven.size, bool)
    new_stint[1:] = (car[1:] != car[:-1]) | (driver[1:] != driver[:-1]) | pit_in[:-1]
    key = car * len(names) + driver
    laps = np.bincount(key)
    seconds = np.bincount(key, weights=np.nan_to_num(times))
    stints = np.bincount(key, weights=new_stint)
    first = np.full(laps.size, driven.size)
    np.minimum.at(first, key, np.arange(driven.size))
    groups = np.flatnonzero(laps)
    groups = groups[np.argsort(first[groups], kind="stable")]  # in the order drivers first drove
    group_cars = car[first[groups]].tolist()
    times_driven = _DRIVER_TIMES.validate_python([
        {"name": names[code], "seconds": round(total, 3), "laps": count, "stints": stint_count,
         "scores": min_seconds is None or total >= min_seconds}
        for code, total, count, stint_count in zip(
            driver[first[groups]].tolist(), seconds[groups].tolist(), laps[groups].tolist(),
            stints[groups].astype(np.int64).tolist(), strict=True,
        )
    ])
    result: dict[int, list[DriverTime]] = {}
    for group_car, time_driven in zip(group_cars, times_driven, strict=True):
        result.setdefault(group_car, []).append(time_driven)
    return {index: tuple(times) for index, times in result.items()}
