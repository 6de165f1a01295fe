"""The Analysis CSV as checked lap columns, without one Python record per lap.

pyarrow parses the file with the types the columns should have (numbers as numbers, names and
times as text), time cells are read as fixed-width text with numpy, and every check is a
whole-column test. Only when a test fails does the file go through the cell-by-cell checks of
`analysis.py`, which name the line of every bad value; so the fast read accepts exactly what
those checks accept, with the same values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from pitboard.domain import InputError, Problem, SourceRef
from pitboard.domain.timing import Lap, SessionKind, TimedCar, TimedDriver, TimingSession
from pitboard.formats.alkamel import codes
from pitboard.formats.alkamel.table import check_header

# Columns of the rows frame both reads give `assemble`: text columns are String.
TEXT = {
    "NUMBER": "number", "CLASS": "class", "GROUP": "group", "TEAM": "team",
    "MANUFACTURER": "manufacturer", "DRIVER_NAME": "driver", "FLAG_AT_FL": "flag",
}
OPTIONAL_TEXT = ("driver", "flag")  # null in the rows frame where the cell is blank
PER_CAR_TEXT = ("group", "team", "manufacturer")  # only each car's first row is read


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
    clocks = ["LAP_TIME", "ELAPSED", "PIT_TIME",
              *(s for s in sectors if not s.endswith("_SECONDS"))]
    types: dict[str, pa.DataType] = {
        **dict.fromkeys((*TEXT, "CROSSING_FINISH_LINE_IN_PIT", *clocks), pa.string()),
        "LAP_NUMBER": pa.int64(), "DRIVER_NUMBER": pa.int64(),
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
            memory_pool=pa.system_memory_pool(),
        )
    except pa.ArrowInvalid:
        return None
    rows = table.num_rows
    if bad_row or rows == 0:
        return None
    # Columns stay in the chunks the threads of the read made: combining them costs memory.
    column = {name: table.column(code) for name, code in wanted.items()}
    # Columns only read at each car's first row are stripped there, by `assemble`.
    text = {
        alias: (column[name] if alias in PER_CAR_TEXT else _stripped(column[name]))
        if name in column else _blank(rows)
        for name, alias in TEXT.items()
    }
    crossing = _stripped(column["CROSSING_FINISH_LINE_IN_PIT"])
    if not _within(crossing, codes.PIT_CROSSING) or not _within(text["flag"], codes.FLAGS):
        return None
    if _has_blank(text["number"]) or _has_blank(text["class"]):
        return None
    for alias in OPTIONAL_TEXT:
        text[alias] = _blank_as_null(text[alias])
    if column["LAP_NUMBER"].null_count:
        return None
    seconds = _clock_columns([column[name] for name in clocks])
    if seconds is None:
        return None
    elapsed = seconds[1]
    if elapsed.null_count():
        return None
    by_name = dict(zip(clocks, seconds, strict=True))
    read_as_numbers = [name for name in sectors if name not in by_name]
    if not all(_sector_seconds_valid(column[name]) for name in read_as_numbers):
        return None
    # One conversion of every arrow column: Polars converts the columns of a table in parallel.
    frame = cast(pl.DataFrame, pl.from_arrow(pa.table({
        **text,
        "pit_in": pc.equal(crossing, "B"),
        "lap": column["LAP_NUMBER"],
        "driver_no": column["DRIVER_NUMBER"],
        **{name: column[name] for name in read_as_numbers},
    })))
    return frame.with_columns(
        pl.col(read_as_numbers).round(3),
        *(values.alias(name)
          for name, values in zip(("time", "elapsed", "pit"), seconds[:3], strict=True)),
        *(by_name[name].alias(name) for name in sectors if name in by_name),
        pl.int_range(2, rows + 2, dtype=pl.Int64).alias("line"),
    )


def _series(values: pa.ChunkedArray) -> pl.Series:
    return cast(pl.Series, pl.from_arrow(values))


def _blank(rows: int) -> pa.ChunkedArray:
    return pa.chunked_array([pa.repeat("", rows)])


def _cells(values: pa.Array) -> tuple[npt.NDArray[np.int32], npt.NDArray[np.uint8]]:
    """The offsets of a string array's cells into its bytes (n + 1 of them), and the bytes."""
    buffers = values.buffers()
    offsets = np.frombuffer(buffers[1], np.int32, len(values) + 1, values.offset * 4)
    data = buffers[2]
    return offsets, np.frombuffer(data, np.uint8) if data is not None else np.empty(0, np.uint8)


def _stripped(values: pa.ChunkedArray) -> pa.ChunkedArray:
    """The cells without surrounding spaces, as `read_table` strips them.

    Cells are only stripped when some cell starts or ends with a byte other than a printable
    ASCII character, which is the rare case; so a clean column costs two gathers.
    """
    for chunk in values.chunks:
        offsets, data = _cells(chunk)
        start, end = offsets[:-1], offsets[1:]
        filled = end > start
        edges = np.concatenate([data.take(start[filled]), data.take(end[filled] - 1)])
        if not ((edges > 0x20) & (edges < 0x7F)).all():
            stripped = _series(values).str.strip_chars().to_arrow().cast(pa.string())
            return pa.chunked_array([stripped])
    return values


def _blank_as_null(values: pa.ChunkedArray) -> pa.ChunkedArray:
    """The column with blank cells null: a validity bitmap over the same buffers, no copy."""
    chunks = []
    for sliced in values.chunks:
        chunk = pa.concat_arrays([sliced]) if sliced.offset else sliced  # bitmap from bit 0
        offsets, _ = _cells(chunk)
        filled = offsets[1:] > offsets[:-1]
        validity = pa.py_buffer(np.packbits(filled, bitorder="little").tobytes())
        buffers = chunk.buffers()
        chunks.append(pa.Array.from_buffers(
            pa.string(), len(chunk), [validity, buffers[1], buffers[2]],
            null_count=len(chunk) - int(filled.sum()),
        ))
    return pa.chunked_array(chunks, pa.string())


def _within(values: pa.ChunkedArray, known: Mapping[str, object]) -> bool:
    return set(pc.unique(values).to_pylist()) <= set(known)


def _has_blank(values: pa.ChunkedArray) -> bool:
    return any(bool((offsets[1:] == offsets[:-1]).any())
               for offsets, _ in map(_cells, values.chunks))


# Time cells the fixed-width reading takes, by length in bytes: blank, s.fff, ss.fff, m:ss.fff,
# mm:ss.fff, h:mm:ss.fff, hh:mm:ss.fff. Counted from the end of a cell, the k-th byte is:
_CLOCK_LENGTHS = np.zeros(13, bool)
_CLOCK_LENGTHS[[0, 5, 6, 8, 9, 11, 12]] = True
_DIGITS = (1, 2, 3, 5, 6, 8, 9, 11, 12)  # digits
_SEPARATORS = {4: ord("."), 7: ord(":"), 10: ord(":")}  # present in cells longer than k
_ZERO = np.uint8(ord("0"))


def _clock_columns(columns: list[pa.ChunkedArray]) -> list[pl.Series] | None:
    """Seconds of each time column, exactly as `table.seconds_expr` reads them; None if bad.

    Each column is read as fixed-width text counted from the end of its cells (`_clock_seconds`),
    or, where some cell has another form, by `_seconds`, the general reading.
    """
    out = []
    for values in columns:
        text = values.combine_chunks()  # a few hundred kilobytes of short cells
        fixed = _clock_seconds(text)
        parsed = pl.Series(fixed, nan_to_null=True) if fixed is not None else _seconds(text)
        if parsed is None:
            return None
        out.append(parsed)
    return out


def _clock_seconds(values: pa.Array) -> npt.NDArray[np.float64] | None:
    """Seconds from cells like 3:54.555 or 18:02:56.820 with a few gathers and sums, no split.

    None when any cell has another form; NaN for a blank cell. The cell is a whole number of
    milliseconds, so the nearest float to it is what seconds_expr's sum rounded to the
    millisecond gives.
    """
    offsets, data = _cells(values)
    length = offsets[1:] - offsets[:-1]
    counts = np.bincount(length, minlength=13)
    if counts.size > 13 or counts[~_CLOCK_LENGTHS].any():
        return None
    filled = np.flatnonzero(length) if counts[0] else None
    end = offsets[1:] if filled is None else offsets[1:][filled]
    length = length if filled is None else length[filled]
    if not end.size:
        return np.full(len(values), np.nan)
    shortest, longest = int(length.min()), int(length.max())
    padded = np.concatenate([np.full(12, _ZERO, np.uint8), data])
    end = end + 12

    def byte(k: int) -> npt.NDArray[np.uint8]:
        """The k-th byte from the end of every cell; "0" before the start of a short cell."""
        found = padded.take(end - k)
        return found if k <= shortest else np.where(length >= k, found, _ZERO)

    digit = {k: byte(k) - _ZERO for k in _DIGITS if k <= longest}
    if np.maximum.reduce(list(digit.values())).max() > 9:
        return None
    for k, separator in _SEPARATORS.items():
        if k <= longest and not ((byte(k) == separator) == (length > k)).all():
            return None

    def number(*ks: int) -> npt.NDArray[np.int64] | int:
        total: npt.NDArray[np.int64] | int = 0
        for k in ks:
            total = total * 10 + (digit[k].astype(np.int64) if k in digit else 0)
        return total

    milliseconds = number(12, 11) * 3_600_000 + number(9, 8) * 60_000 + number(6, 5, 3, 2, 1)
    seconds = np.asarray(milliseconds, np.float64) / 1000
    if filled is not None:
        full = np.full(len(values), np.nan)
        full[filled] = seconds
        return full
    return seconds


def _seconds(text: pa.Array) -> pl.Series | None:
    """Seconds from time text, exactly as `table.seconds_expr` reads it; None if a cell is bad.

    The text is split on `:` by pyarrow and every part cast at once with the cast that
    `seconds_expr` uses; when no part is missing, negative or in excess, every cell is well formed
    and the parts are weighed as `seconds_expr` weighs them. An `h:mm'ss` cell fails the cast.
    """
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


def _sector_seconds_valid(column: pa.ChunkedArray) -> bool:
    """Whether a seconds column (S1_SECONDS ...) read as numbers has no negative or odd value."""
    values = column.to_numpy()  # blank cells are NaN here, and NaN in the file too
    if column.null_count:
        values = values[column.is_valid().to_numpy(zero_copy_only=False)]
    return bool(np.isfinite(values).all() and (values >= 0).all())


def assemble(rows: pl.DataFrame, file: str, kind: SessionKind, sectors: list[str]
             ) -> AnalysisColumns:
    """Number the cars in the order they first appear, sort their laps, state who drove."""
    # Dictionary codes come in order of first appearance: the car index.
    car = pl.Series(pc.dictionary_encode(rows["number"].to_arrow()).indices).cast(pl.UInt32)
    rows = rows.hstack([car.alias("car")])
    step_car = np.diff(car.to_numpy().astype(np.int64))
    step_lap = np.diff(rows["lap"].to_numpy())
    if ((step_car < 0) | ((step_car == 0) & (step_lap <= 0))).any():
        rows = rows.sort(["car", "lap"], maintain_order=True)
        again = rows.filter((pl.col("car").diff() == 0) & (pl.col("lap").diff() == 0))
        if again.height:
            raise InputError([
                Problem(file, line, "LAP_NUMBER", f"each lap of car {number} once", str(lap))
                for line, number, lap in again.select("line", "number", "lap").iter_rows()
            ])
    car_codes = rows["car"].to_numpy().astype(np.int64)
    starts = np.flatnonzero(np.diff(car_codes, prepend=-1))
    first_lines = np.minimum.reduceat(rows["line"].to_numpy(), starts).tolist()
    firsts = rows.select(
        "number", "class", *(pl.col(name).str.strip_chars() for name in PER_CAR_TEXT)
    )[starts]
    names_of = _driver_names(rows, car_codes)
    cars = tuple(
        TimedCar(
            number=number, class_code=class_code, group=group, team=team,
            manufacturer=manufacturer,
            drivers=tuple(TimedDriver(name=name)
                          for name in names_of.get(index, ())),
            source=SourceRef(file, line),
        )
        for index, (number, class_code, group, team, manufacturer, line) in enumerate(
            zip(*firsts.get_columns(), first_lines, strict=True)
        )
    )
    session = TimingSession(
        kind=kind, name=Path(file).stem, source_format=codes.FORMAT_ANALYSIS, cars=cars,
        source=SourceRef(file),
    )
    laps = rows[
        ["car", "lap", "driver_no", "driver", "time", "elapsed", "pit_in", "pit", "flag",
         *sectors, "line"]
    ]
    return AnalysisColumns(session=session, laps=laps, sectors=tuple(sectors))


def _driver_names(rows: pl.DataFrame, car: npt.NDArray[np.int64]) -> dict[int, list[str]]:
    """Each car's drivers by driver number, each under the name of its first named lap."""
    driver = rows["driver"]
    named = np.flatnonzero(driver.is_not_null().to_numpy())
    number = rows["driver_no"].fill_null(0).to_numpy()[named]
    car = car[named]
    # Only the first row of each run of one car and driver number can be a first occurrence.
    starts = np.flatnonzero((np.diff(car, prepend=-1) != 0) | (np.diff(number, prepend=-1) != 0))
    candidates = named[starts]
    order = np.lexsort((starts, number[starts], car[starts]))
    keep = np.ones(order.size, bool)
    keep[1:] = (np.diff(car[starts][order]) != 0) | (np.diff(number[starts][order]) != 0)
    chosen = order[keep]
    names = driver.gather(candidates[chosen]).to_list()
    result: dict[int, list[str]] = {}
    for index, name in zip(car[starts][chosen].tolist(), names, strict=True):
        result.setdefault(index, []).append(name)
    return result
