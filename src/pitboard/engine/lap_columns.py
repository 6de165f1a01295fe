"""Race classification straight from lap columns, for files of tens of thousands of laps.

The per-lap rules of engine/classification.py (laps count up to the first crossing after the
finish, a lap is led by the first car to complete it, best lap, pit stops, stints) are written
here a second time as column expressions; everything that acts on whole cars (statuses, order,
gaps, penalties) is the engine's own `classify_figures`. tests/timing/test_fast_path.py checks
that both give the same classification on every real file.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import polars as pl

from pitboard.domain.classification import Classification, DriverTime, Penalty
from pitboard.domain.timing import TimingSession
from pitboard.engine.classification import (
    _SAME_INSTANT,
    LapFigures,
    classify_figures,
    finish_from_crossings,
)
from pitboard.engine.penalties import adjustments_by_car
from pitboard.rules import RuleSet


def classify_lap_columns(
    session: TimingSession,
    laps: pl.DataFrame,
    rules: RuleSet | None = None,
    penalties: Iterable[Penalty] = (),
) -> Classification:
    """The race classification of `session`, whose cars carry no Lap records, from `laps`.

    `laps`: one row per lap sorted by car then lap number, with columns car (index into
    `session.cars`), lap, driver (null when unknown), time, elapsed, pit_in, pit (seconds).
    """
    rules = rules or RuleSet()
    adjustments = adjustments_by_car(penalties, {car.number for car in session.cars})
    finish = finish_from_crossings(
        _crossings(laps, len(session.cars)), session.scheduled_laps, session.scheduled_seconds
    )
    flag = (pl.col("elapsed") >= finish - _SAME_INSTANT) if finish is not None else pl.lit(False)
    flag = flag.fill_null(False)
    # Rows are in car then lap order, so "first" and "arg_min" below take the lowest car index
    # or lap number among equals, as the per-lap rules do.
    counted = laps.lazy().with_columns(flag.alias("flag")).filter(
        (pl.col("flag").cum_sum().over("car") - pl.col("flag")) == 0
    )
    per_car = counted.group_by("car", maintain_order=True).agg(
        pl.col("lap").max().alias("laps"),
        pl.col("elapsed").drop_nulls().last().alias("crossing"),
        pl.col("flag").any().alias("took_flag"),
        pl.col("pit_in").sum().alias("stops"),
        pl.col("pit").sum().alias("pit"),
    )
    led = (
        counted.filter(pl.col("elapsed").is_not_null())
        .group_by("lap")
        .agg(pl.col("car").get(pl.col("elapsed").arg_min()))
        .group_by("car")
        .len()
    )
    deleted = [
        (index, lap)
        for index, car in enumerate(session.cars)
        if car.number in adjustments
        for lap in adjustments[car.number].deleted_laps
    ]
    timed = counted.filter(pl.col("time").is_not_null())
    if "valid" in laps.columns:
        timed = timed.filter(pl.col("valid"))
    if deleted:
        gone = pl.LazyFrame(deleted, schema={"car": laps["car"].dtype, "lap": pl.Int64},
                            orient="row")
        timed = timed.join(gone, on=["car", "lap"], how="anti", maintain_order="left")
    fastest = pl.col("time").arg_min()
    best = timed.group_by("car").agg(
        pl.col("time").min(), pl.col("lap").get(fastest), pl.col("driver").get(fastest),
    )
    per_car_rows, led_rows, best_rows, driving_rows = pl.collect_all(
        [per_car, led, best, _driver_totals(counted)], engine="in-memory"
    )
    driving = _driver_times(driving_rows, rules.min_driver_seconds)
    led_of = dict(led_rows.iter_rows())
    best_of = {row[0]: row[1:] for row in best_rows.iter_rows()}
    figures = [LapFigures() for _ in session.cars]
    for car, laps_done, crossing, took_flag, stops, pit in per_car_rows.iter_rows():
        best_time, best_lap, best_driver = best_of.get(car, (None, None, None))
        figures[car] = LapFigures(
            laps=laps_done, crossing_seconds=crossing, took_flag=took_flag,
            best_seconds=best_time, best_number=best_lap, best_driver=best_driver,
            laps_led=led_of.get(car, 0), pit_stops=stops, pit_seconds=round(pit, 3),
            driver_times=driving.get(car, ()),
        )
    return classify_figures(session, finish, figures, rules, adjustments)


def _crossings(laps: pl.DataFrame, cars: int) -> list[list[float]]:
    """Each car's crossings of the line in lap order (rows are in car then lap order)."""
    timed = laps.select("car", "elapsed").drop_nulls()
    elapsed = timed["elapsed"].to_list()
    ends = np.cumsum(np.bincount(timed["car"].to_numpy(), minlength=cars)).tolist()
    return [elapsed[start:end] for start, end in zip([0, *ends[:-1]], ends, strict=True)]


def _driver_totals(counted: pl.LazyFrame) -> pl.LazyFrame:
    """Per car and driver: seconds, laps and stints; a stint ends at a pit stop or a change."""
    driven = counted.filter(pl.col("driver").is_not_null())
    new_stint = (
        (pl.col("car") != pl.col("car").shift(1))
        | (pl.col("driver") != pl.col("driver").shift(1))
        | pl.col("pit_in").shift(1)
    ).fill_null(True)
    return (
        driven.with_columns(new_stint.alias("new_stint"))
        .group_by(["car", "driver"], maintain_order=True)
        .agg(
            pl.col("time").sum().alias("seconds"),
            pl.len().alias("laps"),
            pl.col("new_stint").sum().alias("stints"),
        )
        .select("car", pl.col("driver").cast(pl.String), "seconds", "laps", "stints")
    )


def _driver_times(
    totals: pl.DataFrame, min_seconds: float | None
) -> dict[int, tuple[DriverTime, ...]]:
    """engine.driving.driver_times for every car at once, from `_driver_totals`."""
    result: dict[int, list[DriverTime]] = {}
    for car, driver, seconds, laps, stints in totals.iter_rows():
        result.setdefault(car, []).append(
            DriverTime(
                name=driver, seconds=round(seconds, 3), laps=laps, stints=stints,
                scores=min_seconds is None or seconds >= min_seconds,
            )
        )
    return {car: tuple(times) for car, times in result.items()}
