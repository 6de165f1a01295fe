"""The Analysis CSV as checked lap columns, without one Python record per lap.

pyarrow parses the file with the types the columns should have (numbers, repeated names as
dictionaries, times as text split on `:`), and every check is a whole-column test. Only when a
test fails does the file go through the cell-by-cell checks of `analysis.py`, which name the line
of every bad value; so the fast read accepts exactly what those checks accept, with the same
values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from pitboard.domain import InputError, Problem, SourceRef
from pitboard.domain.timing import Lap, SessionKind, TimedCar, TimedDriver, TimingSession
from pitboard.formats.alkamel import codes
from pitboard.formats.alkamel.table import check_header

# Columns of the rows frame both reads give `assemble`; text columns are String or Categorical.
TEXT = {
    "NUMBER": "number", "CLASS": "class", "GROUP": "group", "TEAM": "team",
    "MANUFACTURER": "manufacturer", "DRIVER_NAME": "driver", "FLAG_AT_FL": "flag",
}
_NAMES = pa.dictionary(pa.int32(), pa.string())


@dataclass(frozen=True)
class AnalysisColumns:
    """A checked Analysis file: its cars (without laps) and one row per lap.

    `laps` is sorted by car then lap number, with columns car (index into `session.cars`), lap,
    driver_no, driver (null when blank), time, elapsed, pit_in, pit, flag (null when blank), the
    sector columns in order, and line (the line of the file).
    """

    session: TimingSession
    laps: pl.DataFrame
    sectors: tuple[str, ...]

    def session_with_laps(self) -> TimingSession:
        """The session with a `Lap` record per lap, for whatever needs laps one by one."""
        file = self.session.source.file if self.session.source else ""
        frame = self.laps
        cars = frame["car"].to_list()
        numbers = frame["lap"].to_list()
        drivers = frame["driver"].cast(pl.String).to_list()
        times = frame["time"].to_list()
        elapsed = frame["elapsed"].to_list()
        pit_in = frame["pit_in"].to_list()
        pit = frame["pit"].to_list()
        flags = frame["flag"].cast(pl.String).to_list()
        lines = frame["line"].to_list()
        sector_rows = list(zip(*(frame[name].to_list() for name in self.sectors), strict=True))
        if not sector_rows:
            sector_rows = [()] * frame.height
        laps: list[list[Lap]] = [[] for _ in self.session.cars]
        for i, car in enumerate(cars):
            laps[car].append(
                Lap(
                    number=numbers[i],
                    driver=drivers[i],
                    time_seconds=times[i],
                    elapsed_seconds=elapsed[i],
                    sectors=sector_rows[i],
                    pit_in=pit_in[i],
                    pit_time_seconds=pit[i],
                    flag=flags[i],
                    source=SourceRef(file, lines[i]),
                )
            )
        cars_with_laps = tuple(
            car.model_copy(update={"laps": tuple(car_laps)})
            for car, car_laps in zip(self.session.cars, laps, strict=True)
        )
        return self.session.model_copy(update={"cars": cars_with_laps})


def fast_rows(data: bytes, file: str, sectors: list[str]) -> pl.DataFrame | None:
    """The rows frame straight from typed columns, or None when any whole-column check fails."""
    names = check_header(data, file, codes.ANALYSIS_REQUIRED)
    times = ["LAP_TIME", "ELAPSED", "PIT_TIME", *(s for s in sectors if not s.endswith("_SECONDS"))]
    types: dict[str, pa.DataType] = {
        **dict.fromkeys((*TEXT, "CROSSING_FINISH_LINE_IN_PIT"), _NAMES),
        "LAP_NUMBER": pa.int64(), "DRIVER_NUMBER": pa.int64(),
        **dict.fromkeys(times, pa.string()),
        **{s: pa.float64() for s in sectors if s.endswith("_SECONDS")},
    }
    wanted = {name: f"c{names.index(name)}" for name in types if name in names}
    bad_row = False

    def invalid_row(row: pa_csv.InvalidRow) -> str:
        nonlocal bad_row
        bad_row = True
        return "skip"

    try:
        table = pa_csv.read_csv(
            pa.BufferReader(data),
            read_options=pa_csv.ReadOptions(
                column_names=[f"c{i}" for i in range(len(names))], skip_rows=1
            ),
            parse_options=pa_csv.ParseOptions(
                delimiter=";", quote_char=False, invalid_row_handler=invalid_row
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types={wanted[name]: types[name] for name in wanted},
                include_columns=list(wanted.values()),
                strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:
        return None
    if bad_row or table.num_rows == 0:
        return None
    column = {name: table.column(code) for name, code in wanted.items()}
    out: dict[str, pl.Series] = {}
    for name, alias in TEXT.items():
        if name in column:
            out[alias] = _stripped(column[name])
        else:
            out[alias] = pl.Series(alias, [""], pl.String).extend_constant("", table.num_rows - 1)
    crossing = _stripped(column["CROSSING_FINISH_LINE_IN_PIT"])
    if not _within(crossing, codes.PIT_CROSSING) or not _within(out["flag"], codes.FLAGS):
        return None
    if _has_blank(out["number"]) or _has_blank(out["class"]):
        return None
    out["pit_in"] = crossing == "B"
    lap = _series(column["LAP_NUMBER"])
    if lap.null_count():
        return None
    out["lap"] = lap
    out["driver_no"] = _series(column["DRIVER_NUMBER"])
    for name, alias in (("LAP_TIME", "time"), ("ELAPSED", "elapsed"), ("PIT_TIME", "pit")):
        parsed = _seconds(column[name])
        if parsed is None:
            return None
        out[alias] = parsed
    if out["elapsed"].null_count():
        return None
    for name in sectors:
        parsed = _seconds(column[name]) if name in times else _sector_seconds(column[name])
        if parsed is None:
            return None
        out[name] = parsed
    out["line"] = pl.int_range(2, table.num_rows + 2, dtype=pl.Int64, eager=True)
    return pl.DataFrame([series.alias(alias) for alias, series in out.items()])


def _series(column: pa.ChunkedArray) -> pl.Series:
    return cast(pl.Series, pl.from_arrow(column.combine_chunks()))


def _stripped(column: pa.ChunkedArray) -> pl.Series:
    """A dictionary column with its (few) distinct values stripped, as a Categorical."""
    array = column.unify_dictionaries().combine_chunks()
    values = cast(pl.Series, pl.from_arrow(array.dictionary)).str.strip_chars()
    stripped = pa.DictionaryArray.from_arrays(array.indices, values.to_arrow())
    return cast(pl.Series, pl.from_arrow(stripped))


def _values(values: pl.Series) -> set[str]:
    return set(values.unique().cast(pl.String).to_list())


def _within(values: pl.Series, known: Mapping[str, object]) -> bool:
    return _values(values) <= set(known)


def _has_blank(values: pl.Series) -> bool:
    return "" in _values(values)


def _seconds(column: pa.ChunkedArray) -> pl.Series | None:
    """Seconds from time text, exactly as `table.seconds_expr` reads it; None if a cell is bad.

    The text is split on `:` by pyarrow and every part cast at once with the cast that
    `seconds_expr` uses; when no part is missing, negative or in excess, every cell is well formed
    and the parts are weighed as `seconds_expr` weighs them. An `h:mm'ss` cell fails the cast.
    """
    text = column.combine_chunks()
    parts = pc.split_pattern(text, ":")
    flat = cast(pl.Series, pl.from_arrow(pc.list_flatten(parts))).cast(pl.Float64, strict=False)
    count = pc.list_value_length(parts)
    blanks = pc.sum(pc.equal(text, "")).as_py() or 0
    if (flat.null_count() != blanks or pc.max(count).as_py() > 3 or (flat < 0).any()
            or flat.is_nan().any()):
        return None
    end = parts.offsets[1:]
    values = flat.to_arrow()

    def part(back: int) -> pl.Series:
        index = pc.subtract(end, back)
        if back > 1:
            index = pc.if_else(pc.greater_equal(count, back), index, None)
        return cast(pl.Series, pl.from_arrow(pc.take(values, index)))

    hours, minutes, seconds = part(3), part(2), part(1)
    return (hours.fill_null(0) * 3600 + minutes.fill_null(0) * 60 + seconds).round(3)


def _sector_seconds(column: pa.ChunkedArray) -> pl.Series | None:
    """A seconds column (S1_SECONDS ...) pyarrow has read as numbers; None if one is negative."""
    values = _series(column)
    if values.is_nan().any() or values.is_infinite().any() or (values < 0).any():
        return None
    return values.round(3)


def assemble(rows: pl.DataFrame, file: str, kind: SessionKind, sectors: list[str]
             ) -> AnalysisColumns:
    """Number the cars in the order they first appear, sort their laps, state who drove."""
    first_row = pl.col("line").min().over("number")
    rows = rows.with_columns((first_row.rank("dense") - 1).cast(pl.UInt32).alias("car"))
    step_car, step_lap = pl.col("car").diff(), pl.col("lap").diff()
    in_order = rows.select(
        ((step_car > 0) | ((step_car == 0) & (step_lap > 0))).fill_null(True).all()
    ).item()
    if not in_order:
        rows = rows.sort(["car", "lap"], maintain_order=True)
        again = rows.filter((pl.col("car").diff() == 0) & (pl.col("lap").diff() == 0))
        if again.height:
            raise InputError([
                Problem(file, line, "LAP_NUMBER", f"each lap of car {number} once", str(lap))
                for line, number, lap in again.select("line", "number", "lap").iter_rows()
            ])
    firsts = rows.group_by("car", maintain_order=True).agg(
        pl.col("number", "class", "group", "team", "manufacturer").first(),
        pl.col("line").min(),
    )
    named = rows.filter(pl.col("driver") != "")
    drivers = (
        named.with_columns(pl.col("driver_no").fill_null(0))
        .unique(["car", "driver_no"], keep="first", maintain_order=True)
        .sort(["car", "driver_no"])
        .group_by("car", maintain_order=True)
        .agg(pl.col("driver").cast(pl.String))
    )
    names_of = dict(zip(drivers["car"].to_list(), drivers["driver"].to_list(), strict=True))
    cars = tuple(
        TimedCar(
            number=number, class_code=class_code, group=group, team=team,
            manufacturer=manufacturer,
            drivers=tuple(TimedDriver(name=name) for name in names_of.get(index, ())),
            source=SourceRef(file, line),
        )
        for index, number, class_code, group, team, manufacturer, line in firsts.select(
            pl.col("car"), *(pl.col(c).cast(pl.String) for c in
                             ("number", "class", "group", "team", "manufacturer")), "line"
        ).iter_rows()
    )
    session = TimingSession(
        kind=kind, name=Path(file).stem, source_format=codes.FORMAT_ANALYSIS, cars=cars,
        source=SourceRef(file),
    )
    laps = rows.select(
        "car", "lap", "driver_no",
        pl.when(pl.col("driver") != "").then(pl.col("driver")).alias("driver"),
        "time", "elapsed", "pit_in", "pit",
        pl.when(pl.col("flag") != "").then(pl.col("flag")).alias("flag"),
        *sectors, "line",
    )
    return AnalysisColumns(session=session, laps=laps, sectors=tuple(sectors))
