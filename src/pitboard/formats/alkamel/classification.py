"""The Al Kamel Classification CSV: one row per car with its status, laps, total time and gaps.

It has no laps, so the reader fills the stated_* fields of each TimedCar and the engine honours
them. Times are written with an apostrophe before the seconds (`4:00'04.690`, `1'36.144`).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from pitboard.domain import InputError, Problem, SourceRef
from pitboard.domain.problems import show_found
from pitboard.domain.timing import TimedCar, TimedDriver, TimingSession
from pitboard.formats.alkamel import codes
from pitboard.formats.alkamel.analysis import session_kind_from_name
from pitboard.formats.alkamel.table import LINE, bad_values, read_table, seconds_expr
from pitboard.formats.text import default_manufacturer

_DRIVERS = tuple(f"DRIVER_{i}" for i in range(1, 9))
_OPTIONAL = ("VEHICLE", "GROUP", "FL_TIME", *_DRIVERS)






def parse_classification(data: bytes, file: str, kind_name: str = "") -> TimingSession:
    frame = read_table(data, file, codes.CLASSIFICATION_REQUIRED, _OPTIONAL)
    parsed = frame.select(
        pl.col("POSITION").cast(pl.Int64, strict=False).alias("position"),
        pl.col("LAPS").cast(pl.Int64, strict=False).alias("laps"),
        seconds_expr("TOTAL_TIME").alias("total"),
        seconds_expr("FL_TIME").alias("best"),
    )
    problems = [
        *bad_values(frame, file, "POSITION", parsed["position"], "a position"),
        *bad_values(frame, file, "LAPS", parsed["laps"], "a number of laps"),
        *bad_values(frame, file, "TOTAL_TIME", parsed["total"], "a time like 4:00'04.690"),
        *bad_values(frame, file, "FL_TIME", parsed["best"], "a lap time like 1'36.144"),
    ]
    unknown = frame.filter(~pl.col("STATUS").is_in(list(codes.STATUSES)))
    problems += [
        Problem(file, line, "STATUS",
                "an Al Kamel status (" + ", ".join(codes.STATUSES) + ")", show_found(value))
        for line, value in zip(unknown[LINE], unknown["STATUS"], strict=True)
    ]
    blank = frame.filter((pl.col("NUMBER") == "") | (pl.col("CLASS") == ""))
    problems += [Problem(file, line, "NUMBER/CLASS", "a car number and a class", "nothing")
                 for line in blank[LINE]]
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.field)))
    cars = []
    for row, values in zip(frame.iter_rows(named=True), parsed.iter_rows(named=True),
                           strict=True):
        vehicle = row["VEHICLE"]
        cars.append(
            TimedCar(
                number=row["NUMBER"],
                class_code=row["CLASS"],
                group=row["GROUP"],
                team=row["TEAM"],
                vehicle=vehicle,
                manufacturer=default_manufacturer(vehicle),
                drivers=tuple(TimedDriver(name=row[d]) for d in _DRIVERS if row[d]),
                stated_status=codes.STATUSES[row["STATUS"]],
                stated_position=values["position"],
                stated_laps=values["laps"],
                stated_total_seconds=values["total"],
                stated_best_lap_seconds=values["best"],
                source=SourceRef(file, row[LINE]),
            )
        )
    return TimingSession(
        kind=session_kind_from_name(kind_name),
        name=Path(file).stem,
        source_format=codes.FORMAT_CLASSIFICATION,
        cars=tuple(cars),
        source=SourceRef(file),
    )
