"""Every lap of a timing session as one Polars DataFrame, for analysts and for export."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pitboard.domain import InputError, Problem
from pitboard.domain.timing import TimingSession

_SCHEMA = {
    "number": pl.String,
    "class": pl.String,
    "group": pl.String,
    "team": pl.String,
    "lap": pl.Int64,
    "driver": pl.String,
    "lap_time": pl.Float64,
    "elapsed": pl.Float64,
    "pit_in": pl.Boolean,
    "pit_time": pl.Float64,
    "flag": pl.String,
    "valid": pl.Boolean,
    "source_line": pl.Int64,
}


def laps_frame(session: TimingSession) -> pl.DataFrame:
    """One row per lap: car, class, lap number, driver, times in seconds, sectors s1..sN, pit."""
    sector_count = max((len(lap.sectors) for car in session.cars for lap in car.laps), default=0)
    columns: dict[str, list[object]] = {name: [] for name in _SCHEMA}
    sectors: list[list[float | None]] = [[] for _ in range(sector_count)]
    for car in session.cars:
        for lap in car.laps:
            values = (
                car.number, car.class_code, car.group, car.team, lap.number, lap.driver,
                lap.time_seconds, lap.elapsed_seconds, lap.pit_in, lap.pit_time_seconds,
                lap.flag, lap.valid, lap.source.line if lap.source else None,
            )
            for name, value in zip(_SCHEMA, values, strict=True):
                columns[name].append(value)
            for i in range(sector_count):
                sectors[i].append(lap.sectors[i] if i < len(lap.sectors) else None)
    frame = pl.DataFrame(columns, schema=_SCHEMA)
    return frame.with_columns(
        pl.Series(f"s{i + 1}", values, dtype=pl.Float64) for i, values in enumerate(sectors)
    )


def write_laps(frame: pl.DataFrame, target: Path) -> None:
    """Write the laps table as CSV or Parquet, chosen by the file's extension."""
    suffix = target.suffix.casefold()
    if suffix == ".csv":
        frame.write_csv(target)
    elif suffix == ".parquet":
        frame.write_parquet(target)
    else:
        raise InputError(
            [Problem(str(target), None, "output", "a file name ending .csv or .parquet",
                     repr(target.name))]
        )
