"""The Al Kamel lap-by-lap Analysis CSV (2019 26-column and 2024+ 30-column layouts).

One row per lap of each car: lap and sector times, the race clock at the line (ELAPSED), the
driver, the pit-in flag `B` and the pit lane time on the out-lap.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import polars as pl

from pitboard.domain import InputError, Problem, SourceRef
from pitboard.domain.problems import show_found
from pitboard.domain.timing import Lap, SessionKind, TimedCar, TimedDriver, TimingSession
from pitboard.formats.alkamel import codes
from pitboard.formats.alkamel.table import LINE, bad_values, header_names, read_table, seconds_expr

_SECTOR = re.compile(r"^S(\d+)$")
_OPTIONAL = ("GROUP", "MANUFACTURER", "FLAG_AT_FL")


def sniff_analysis(path: Path, head: bytes) -> bool:
    names = set(header_names(head))
    return {"NUMBER", "LAP_NUMBER", "ELAPSED", "CROSSING_FINISH_LINE_IN_PIT"} <= names


def read_analysis(path: Path, display_name: str | None = None) -> TimingSession:
    file = display_name or str(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError([Problem(file, None, "file", "a readable file", str(err))]) from None
    return parse_analysis(data, file, kind=session_kind_from_name(path.name))


def session_kind_from_name(name: str) -> SessionKind:
    """Al Kamel names its files after the session ("..._Qualifying", "..._Free Practice 1")."""
    lowered = name.casefold()
    if "qualif" in lowered or "hyperpole" in lowered:
        return SessionKind.QUALIFYING
    if "practice" in lowered or "_fp" in lowered:
        return SessionKind.PRACTICE
    return SessionKind.RACE


def _sector_columns(names: list[str]) -> list[str]:
    """S1..Sn in order; the 2024+ layout's Sn_SECONDS replaces Sn where present."""
    numbers = sorted(int(m.group(1)) for n in names if (m := _SECTOR.match(n)))
    return [f"S{i}_SECONDS" if f"S{i}_SECONDS" in names else f"S{i}" for i in numbers]


def parse_analysis(
    data: bytes, file: str, kind: SessionKind = SessionKind.RACE
) -> TimingSession:
    """Parse the bytes of an Analysis CSV; every bad value is reported with its line."""
    sectors = _sector_columns(header_names(data))
    frame = read_table(data, file, codes.ANALYSIS_REQUIRED, (*_OPTIONAL, *sectors))
    for name in _OPTIONAL:
        if name not in frame.columns:
            frame = frame.with_columns(pl.lit("").alias(name))
    parsed = frame.select(
        pl.col("LAP_NUMBER").cast(pl.Int64, strict=False).alias("lap"),
        pl.col("DRIVER_NUMBER").cast(pl.Int64, strict=False).alias("driver_no"),
        seconds_expr("LAP_TIME").alias("time"),
        seconds_expr("ELAPSED").alias("elapsed"),
        seconds_expr("PIT_TIME").alias("pit"),
        *(seconds_expr(name).alias(name) for name in sectors),
    )
    problems = [
        *bad_values(frame, file, "LAP_NUMBER", parsed["lap"], "a lap number", blank_ok=False),
        *bad_values(frame, file, "DRIVER_NUMBER", parsed["driver_no"], "a driver number"),
        *bad_values(frame, file, "LAP_TIME", parsed["time"], "a time like 3:28.871"),
        *bad_values(frame, file, "ELAPSED", parsed["elapsed"], "a race time like 3:28.871",
                    blank_ok=False),
        *bad_values(frame, file, "PIT_TIME", parsed["pit"], "a time like 0:01:27.261"),
    ]
    for name in sectors:
        problems += bad_values(frame, file, name, parsed[name], "a sector time")
    problems += _unknown_codes(frame, file, "CROSSING_FINISH_LINE_IN_PIT", codes.PIT_CROSSING)
    problems += _unknown_codes(frame, file, "FLAG_AT_FL", codes.FLAGS)
    for name in ("NUMBER", "CLASS"):
        if (frame[name] == "").any():
            blank = frame.select(LINE, name).filter(pl.col(name) == "")
            problems += [Problem(file, line, name, f"a {name.lower()}", "nothing")
                         for line in blank[LINE]]
    if problems:
        raise InputError(sorted(problems, key=lambda p: (p.line or 0, p.field)))
    cars = _cars(frame, parsed, sectors, file)
    return TimingSession(
        kind=kind,
        name=Path(file).stem,
        source_format=codes.FORMAT_ANALYSIS,
        cars=tuple(cars),
        source=SourceRef(file),
    )


def _unknown_codes(
    frame: pl.DataFrame, file: str, column: str, known: Mapping[str, object]
) -> list[Problem]:
    wrong = ~frame[column].is_in(list(known))
    if not wrong.any():
        return []
    rows = frame.select(LINE, column).filter(wrong)
    expected = "one of " + ", ".join(repr(k) for k in known if k) + " or nothing"
    return [
        Problem(file, line, column, f"an Al Kamel code ({expected})", show_found(value))
        for line, value in zip(rows[LINE], rows[column], strict=True)
    ]


def _cars(
    frame: pl.DataFrame, parsed: pl.DataFrame, sectors: list[str], file: str
) -> list[TimedCar]:
    numbers = frame["NUMBER"].to_list()
    lines = frame[LINE].to_list()
    names = frame["DRIVER_NAME"].to_list()
    pits = frame["CROSSING_FINISH_LINE_IN_PIT"].to_list()
    flags = frame["FLAG_AT_FL"].to_list()
    lap_numbers = parsed["lap"].to_list()
    driver_numbers = parsed["driver_no"].to_list()
    times = parsed["time"].to_list()
    elapsed = parsed["elapsed"].to_list()
    pit_times = parsed["pit"].to_list()
    sector_rows = list(zip(*(parsed[name].to_list() for name in sectors), strict=True))
    if not sector_rows:
        sector_rows = [()] * len(numbers)
    rows_of: dict[str, list[int]] = {}
    for i, number in enumerate(numbers):
        rows_of.setdefault(number, []).append(i)
    problems: list[Problem] = []
    cars = []
    for number, rows in rows_of.items():
        rows.sort(key=lambda i: lap_numbers[i])
        seen: set[int] = set()
        laps = []
        drivers: dict[int, str] = {}
        for i in rows:
            if lap_numbers[i] in seen:
                problems.append(Problem(file, lines[i], "LAP_NUMBER",
                                        f"each lap of car {number} once", str(lap_numbers[i])))
            seen.add(lap_numbers[i])
            if names[i]:
                drivers.setdefault(driver_numbers[i] or 0, names[i])
            laps.append(
                Lap(
                    number=lap_numbers[i],
                    driver=names[i] or None,
                    time_seconds=times[i],
                    elapsed_seconds=elapsed[i],
                    sectors=sector_rows[i],
                    pit_in=codes.PIT_CROSSING[pits[i]],
                    pit_time_seconds=pit_times[i],
                    flag=flags[i] or None,
                    source=SourceRef(file, lines[i]),
                )
            )
        first = rows[0]
        cars.append(
            TimedCar(
                number=number,
                class_code=frame["CLASS"][first],
                group=frame["GROUP"][first],
                team=frame["TEAM"][first],
                manufacturer=frame["MANUFACTURER"][first],
                drivers=tuple(TimedDriver(name=drivers[k]) for k in sorted(drivers)),
                laps=tuple(laps),
                source=SourceRef(file, lines[min(rows)]),
            )
        )
    if problems:
        raise InputError(problems)
    return cars
