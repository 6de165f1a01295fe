"""The Al Kamel lap-by-lap Analysis CSV (2019 26-column and 2024+ 30-column layouts).

One row per lap of each car: lap and sector times, the race clock at the line (ELAPSED), the
driver, the pit-in flag `B` and the pit lane time on the out-lap.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping

import polars as pl
import pyarrow as pa

from pitboard.domain import InputError, Problem
from pitboard.domain.problems import show_found
from pitboard.domain.timing import SessionKind, TimingSession
from pitboard.formats.alkamel import codes
from pitboard.formats.alkamel.lap_columns import (
    CAR_TEXT,
    LAP_COLUMNS,
    LAP_TEXT,
    AnalysisColumns,
    Rows,
    assemble,
    fast_rows,
)
from pitboard.formats.alkamel.table import LINE, bad_values, header_names, read_table, seconds_expr

_SECTOR = re.compile(r"^S(\d+)$")
_OPTIONAL = ("GROUP", "MANUFACTURER", "FLAG_AT_FL")






def session_kind_from_name(name: str) -> SessionKind:
    """Al Kamel names its files after the session ("..._Qualifying", "..._Free Practice 1")."""
    lowered = name.casefold()
    if "qualif" in lowered or "hyperpole" in lowered:
        return SessionKind.QUALIFYING
    if "practice" in lowered or "_fp" in lowered:
        return SessionKind.PRACTICE
    return SessionKind.RACE


def sector_columns(names: list[str]) -> list[str]:
    """S1..Sn in order; the 2024+ layout's Sn_SECONDS replaces Sn where present."""
    numbers = sorted(int(m.group(1)) for n in names if (m := _SECTOR.match(n)))
    return [f"S{i}_SECONDS" if f"S{i}_SECONDS" in names else f"S{i}" for i in numbers]


def parse_analysis(
    data: bytes, file: str, kind: SessionKind = SessionKind.RACE
) -> TimingSession:
    """Parse the bytes of an Analysis CSV; every bad value is reported with its line."""
    return analysis_columns(data, file, kind).session_with_laps()




def analysis_columns(
    data: bytes, file: str, kind: SessionKind = SessionKind.RACE,
    *, classification_only: bool = False,
) -> AnalysisColumns:
    """The typed read when every column passes its whole-column check, else the located one."""
    sectors = [] if classification_only else sector_columns(header_names(data))
    left_out = ("FLAG_AT_FL",) if classification_only else ()
    rows = fast_rows(data, file, sectors, left_out)
    if rows is None:
        rows = checked_rows(data, file, sectors, left_out)
    return assemble(rows, file, kind, sectors)


def checked_rows(
    data: bytes, file: str, sectors: list[str], left_out: Collection[str] = ()
) -> Rows:
    """Every cell converted and checked on its own line; all problems raised at once.

    Optional columns named in `left_out` are read as if the file had none."""
    optional = [name for name in _OPTIONAL if name not in left_out]
    frame = read_table(data, file, codes.ANALYSIS_REQUIRED, (*optional, *sectors)).with_columns(
        pl.lit("").alias(name) for name in _OPTIONAL if name in left_out
    )
    if frame.height == 0:  # a header alone: a file cut short, with no car to number
        raise InputError([Problem(file, 2, "LAP_NUMBER", "a row for each lap after the header",
                                  "no rows")])
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
    laps = pl.concat(
        [
            frame.select(
                *(pl.when(pl.col(name) != "").then(pl.col(name)).alias(alias)
                  for name, alias in LAP_TEXT.items()),
                (pl.col("CROSSING_FINISH_LINE_IN_PIT") == "B").alias("pit_in"),
                pl.col(LINE).alias("line"),
            ),
            parsed,
        ],
        how="horizontal",
    )
    cars = {alias: pa.chunked_array([frame[name].to_arrow()]) for name, alias in CAR_TEXT.items()}
    driver = pa.chunked_array([laps["driver"].to_arrow()])
    return Rows(laps=laps.select(*LAP_COLUMNS, *sectors, "line"), cars=cars, driver=driver)


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
