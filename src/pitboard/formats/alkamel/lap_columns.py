"""The Analysis CSV as checked lap columns, without one Python record per lap.

pyarrow parses the file with the types the columns should have (numbers as numbers, names and
times as text), time cells are read as fixed-width text with numpy, and every check is a
whole-column test. Only when a test fails does the file go through the cell-by-cell checks of
`analysis.py`, which name the line of every bad value; so the fast read accepts exactly what
those checks accept, with the same values.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np
import numpy.typing as npt
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from pydantic import TypeAdapter

from pitboard.domain import InputError, Problem, SourceRef
from pitboard.domain.lap_columns import LapColumns
from pitboard.domain.timing import Lap, SessionKind, TimedCar, TimingSession
from pitboard.formats.alkamel import codes
from pitboard.formats.alkamel.table import check_header

# Text columns both reads give `assemble`: each car's own (per row), then the lap text.
CAR_TEXT = {
    "NUMBER": "number", "CLASS": "class", "GROUP": "group", "TEAM": "team",
    "MANUFACTURER": "manufacturer",
}
LAP_TEXT = {"DRIVER_NAME": "driver", "FLAG_AT_FL": "flag"}  # null where blank
PER_CAR_TEXT = ("group", "team", "manufacturer")  # only read (and stripped) at each car's first row
# The cars of a file are validated in one call, which costs half as much as one by one.
_CARS = TypeAdapter(tuple[TimedCar, ...])
# Columns of the laps frame both reads give `assemble`, before the sectors.
LAP_COLUMNS = ("lap", "driver_no", "time", "elapsed", "pit_in", "pit", "flag")


@dataclass(frozen=True)
class Rows:
    """A checked file's rows before its cars are numbered.

    `laps`: LAP_COLUMNS, the sector columns in order, and line (the line of the file). `cars`:
    the CAR_TEXT columns, one cell per row; number and class stripped, the PER_CAR_TEXT columns
    maybe not (only each car's first row is read, so only that row is stripped). `driver`: the
    driver's name, null when blank. Arrow columns, because turning text into Polars columns
    costs more than numbering the drivers and reading the few cells of each car needed.
    """

    laps: pl.DataFrame
    cars: dict[str, pa.ChunkedArray]
    driver: pa.ChunkedArray


@dataclass(frozen=True)
class AnalysisColumns(LapColumns):
    """A checked Analysis file: its cars (without laps) and one row per lap.

    `laps` is sorted by car then lap number, with columns car (index into `session.cars`), lap,
    driver_no, driver (index into `drivers`, null when blank), time, elapsed, pit_in, pit, flag
    (null when blank), the sector columns in order, and line (the line of the file).
    """

    sectors: tuple[str, ...]

    def session_with_laps(self) -> TimingSession:
        """The session with a `Lap` record per lap, for whatever needs laps one by one."""
        file = self.session.source.file if self.session.source else ""
        frame = self.laps
        cars = frame["car"].to_list()
        numbers = frame["lap"].to_list()
        drivers = [None if code is None else self.drivers[code]
                   for code in frame["driver"].to_list()]
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


def fast_rows(
    data: bytes, file: str, sectors: list[str], left_out: Collection[str] = ()
) -> Rows | None:
    """The rows straight from typed columns, or None when any whole-column check fails.

    Optional columns named in `left_out` are read as if the file had none."""
    names = check_header(data, file, codes.ANALYSIS_REQUIRED)
    clocks = ["LAP_TIME", "ELAPSED", "PIT_TIME",
              *(s for s in sectors if not s.endswith("_SECONDS"))]
    types: dict[str, pa.DataType] = {
        **dict.fromkeys((*CAR_TEXT, *LAP_TEXT, "CROSSING_FINISH_LINE_IN_PIT", *clocks),
                        pa.string()),
        "LAP_NUMBER": pa.int64(), "DRIVER_NUMBER": pa.int64(),
        **{s: pa.float64() for s in sectors if s.endswith("_SECONDS")},
    }
    wanted = {name: f"c{names.index(name)}" for name in types
              if name in names and name not in left_out}
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(data),
            read_options=pa_csv.ReadOptions(
                column_names=[f"c{i}" for i in range(len(names))], skip_rows=1
            ),
            # A row of the wrong length is an error here, so no bad row's bytes are decoded.
            parse_options=pa_csv.ParseOptions(delimiter=";", quote_char=False),
            convert_options=pa_csv.ConvertOptions(
                column_types={wanted[name]: types[name] for name in wanted},
                include_columns=list(wanted.values()),
                strings_can_be_null=False,
            ),
            memory_pool=pa.default_memory_pool(),
        )
    except pa.ArrowInvalid:
        return None
    rows = table.num_rows
    if rows == 0:
        return None
    # Columns stay in the chunks the threads of the read made: combining them costs memory.
    column = {name: table.column(code) for name, code in wanted.items()}
    cars = {
        alias: (column[name] if alias in PER_CAR_TEXT else _stripped(column[name]))
        if name in column else _blank(rows)
        for name, alias in CAR_TEXT.items()
    }
    # Lap text the file has; a column it lacks is all null.
    lap_text = {alias: _stripped(column[name])
                for name, alias in LAP_TEXT.items() if name in column}
    pit_in = _pit_in(column["CROSSING_FINISH_LINE_IN_PIT"])
    if pit_in is None or ("flag" in lap_text and not _within(lap_text["flag"], codes.FLAGS)):
        return None
    lap_text = {alias: _blank_as_null(values) for alias, values in lap_text.items()}
    if _has_blank(cars["number"]) or _has_blank(cars["class"]):
        return None
    if column["LAP_NUMBER"].null_count:
        return None
    seconds = _clock_columns([column[name] for name in clocks])
    if seconds is None or seconds[1].null_count():  # ELAPSED may not be blank
        return None
    by_name = dict(zip(clocks, seconds, strict=True))
    for name in sectors:
        if name not in by_name:
            numbers = _sector_seconds(column[name])
            if numbers is None:
                return None
            by_name[name] = numbers
    # Polars takes numbers without a copy; only the flag column is converted from text.
    laps = pl.DataFrame([
        _series(column["LAP_NUMBER"]).alias("lap"),
        _series(column["DRIVER_NUMBER"]).alias("driver_no"),
        *(values.alias(name)
          for name, values in zip(("time", "elapsed"), seconds[:2], strict=True)),
        pl.Series("pit_in", pit_in),
        seconds[2].alias("pit"),
        _text_or_nulls(lap_text.get("flag"), rows).alias("flag"),
        *(by_name[name].alias(name) for name in sectors),
        pl.Series("line", np.arange(2, rows + 2, dtype=np.int64)),
    ])
    driver = lap_text.get("driver", pa.chunked_array([pa.nulls(rows, pa.string())]))
    return Rows(laps=laps, cars=cars, driver=driver)


def _series(values: pa.ChunkedArray) -> pl.Series:
    return cast(pl.Series, pl.from_arrow(values))


def _text_or_nulls(values: pa.ChunkedArray | None, rows: int) -> pl.Series:
    if values is None:
        return pl.repeat(None, rows, dtype=pl.String, eager=True)
    return _series(values)


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


def _pit_in(crossing: pa.ChunkedArray) -> npt.NDArray[np.bool_] | None:
    """Whether each lap ended in the pit lane (code B); None when a cell holds anything other
    than B or nothing, so that the cell-by-cell checks strip it or report it."""
    flags = []
    for offsets, data in map(_cells, crossing.chunks):
        length = offsets[1:] - offsets[:-1]
        if (length > 1).any() or (data[offsets[0]:offsets[-1]] != ord("B")).any():
            return None
        flags.append(length == 1)
    return np.concatenate(flags)


def _has_blank(values: pa.ChunkedArray) -> bool:
    return any(bool((offsets[1:] == offsets[:-1]).any())
               for offsets, _ in map(_cells, values.chunks))


# Time cells the fixed-width reading takes, by length in bytes: blank, s.fff, ss.fff, m:ss.fff,
# mm:ss.fff, h:mm:ss.fff, hh:mm:ss.fff. Padded on the left to 12 bytes (hh:mm:ss.fff), each
# place holds a digit or, in cells long enough to reach it, a separator.
_CLOCK_LENGTHS = np.zeros(13, bool)
_CLOCK_LENGTHS[[0, 5, 6, 8, 9, 11, 12]] = True
_SEPARATORS = {8: ord("."), 5: ord(":"), 2: ord(":")}  # place -> byte, from the left of 12
_DIGIT_PLACES = np.array([0, 1, 3, 4, 6, 7, 9, 10, 11])
_WEIGHTS = np.array([36e6, 36e5, 6e5, 6e4, 1e4, 1e3, 100, 10, 1])  # of each digit, in ms
_ZERO = np.uint8(ord("0"))


def _clock_columns(columns: list[pa.ChunkedArray]) -> list[pl.Series] | None:
    """Seconds of each time column, exactly as `table.seconds_expr` reads them; None if bad.

    Each column is read as fixed-width text (`_clock_seconds`), or, where some cell has another
    form, by `_seconds`, the general reading.
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
    """Seconds from cells like 3:54.555 or 18:02:56.820; None when any cell has another form.

    Cells padded on the left with `0` to 12 bytes (hh:mm:ss.fff) are the rows of a matrix of
    bytes, checked place by place and weighed in one product; a blank cell is NaN. A cell is a
    whole number of milliseconds, so dividing it by 1000 gives the nearest float to the seconds,
    as seconds_expr's sum rounded to the millisecond does.
    """
    offsets, _ = _cells(values)
    length = offsets[1:] - offsets[:-1]
    counts = np.bincount(length, minlength=13)
    if counts.size > 13 or counts[~_CLOCK_LENGTHS].any():
        return None
    if counts[0] * 2 > len(values):  # mostly blank (the pit lane time): read the filled cells
        filled = np.flatnonzero(length)
        sparse = np.full(len(values), np.nan)
        if filled.size:
            given = _clock_seconds(values.take(pa.array(filled)))
            if given is None:
                return None
            sparse[filled] = given
        return sparse
    padded_offsets, padded = _cells(pc.ascii_lpad(values, 12, padding="0"))
    cells = padded[padded_offsets[0]:padded_offsets[-1]].reshape(len(values), 12)
    digits = cells[:, _DIGIT_PLACES] - _ZERO  # a byte below `0` wraps round to above 9
    if (digits > 9).any():
        return None
    for place, separator in _SEPARATORS.items():
        if not ((cells[:, place] == separator) == (length > 11 - place)).all():
            return None
    seconds: npt.NDArray[np.float64] = (digits.astype(np.float64) @ _WEIGHTS) / 1000
    if counts[0]:
        seconds[length == 0] = np.nan
    return seconds


def _seconds(text: pa.Array) -> pl.Series | None:
    """Seconds from time text, exactly as `table.seconds_expr` reads it; None if a cell is bad.

    The text is split on `:` by pyarrow and every part cast at once with the cast that
    `seconds_expr` uses; when no part is missing, negative, not finite or in excess, every cell
    is well formed and the parts are weighed as `seconds_expr` weighs them. An `h:mm'ss` cell
    fails the cast.
    """
    parts = pc.split_pattern(text, ":")
    flat = cast(pl.Series, pl.from_arrow(pc.list_flatten(parts))).cast(pl.Float64, strict=False)
    count = pc.list_value_length(parts)
    blanks = pc.sum(pc.equal(text, "")).as_py() or 0
    if (flat.null_count() != blanks or pc.max(count).as_py() > 3 or (flat < 0).any()
            or not flat.is_finite().all()):
        return None
    end = parts.offsets[1:]
    values = flat.to_arrow()

    def part(back: int) -> pl.Series:
        index = pc.subtract(end, back)
        if back > 1:
            index = pc.if_else(pc.greater_equal(count, back), index, None)
        return cast(pl.Series, pl.from_arrow(pc.take(values, index)))

    hours, minutes, seconds = part(3), part(2), part(1)
    total = hours.fill_null(0) * 3600 + minutes.fill_null(0) * 60 + seconds
    if not total.is_finite().all():  # parts that add up beyond a float
        return None
    return total.round(3)


def _sector_seconds(column: pa.ChunkedArray) -> pl.Series | None:
    """A seconds column (S1_SECONDS ...) read as numbers, to the millisecond as seconds_expr
    rounds; None when a value is negative or not a number."""
    values = column.to_numpy()  # blank cells are NaN here, and NaN in the file too
    given = values
    if column.null_count:
        given = values[column.is_valid().to_numpy(zero_copy_only=False)]
    if not (np.isfinite(given).all() and (given >= 0).all()):
        return None
    return pl.Series(np.round(values, 3), nan_to_null=True)  # as Polars rounds, half to even


def assemble(rows: Rows, file: str, kind: SessionKind, sectors: list[str]) -> AnalysisColumns:
    """Number the cars in the order they first appear, sort their laps, state who drove."""
    car_codes, numbers = _encoded(rows.cars["number"])
    car = car_codes.to_numpy().astype(np.int64)  # a number is never blank
    # A car's first row is where its code first exceeds every code before it.
    first = np.flatnonzero(car > np.maximum.accumulate(np.concatenate(([-1], car[:-1]))))
    first_rows = pa.array(first)
    text = {alias: [cell.strip() for cell in values.take(first_rows).to_pylist()]
            for alias, values in rows.cars.items()}
    driver_codes, drivers = _encoded(rows.driver)
    given = rows.laps
    laps = pl.DataFrame([
        pl.Series("car", car, dtype=pl.UInt32), given["lap"], given["driver_no"],
        pl.Series("driver", driver_codes),
        *(given[name] for name in (*LAP_COLUMNS[2:], *sectors, "line")),
    ])
    step_car = np.diff(car)
    step_lap = np.diff(laps["lap"].to_numpy())
    if ((step_car < 0) | ((step_car == 0) & (step_lap <= 0))).any():
        laps = laps.sort(["car", "lap"], maintain_order=True)
        again = laps.filter((pl.col("car").diff() == 0) & (pl.col("lap").diff() == 0))
        if again.height:
            raise InputError([
                Problem(file, line, "LAP_NUMBER", f"each lap of car {numbers[index]} once",
                        str(lap))
                for line, index, lap in again.select("line", "car", "lap").iter_rows()
            ])
    names_of = _driver_names(laps, drivers)
    first_lines = rows.laps["line"].to_numpy()[first].tolist()
    cars = _CARS.validate_python([
        {"number": number, "class_code": class_code, "group": group, "team": team,
         "manufacturer": manufacturer,
         "drivers": [{"name": name} for name in names_of.get(index, ())],
         "source": SourceRef(file, line)}
        for index, (number, class_code, group, team, manufacturer, line) in enumerate(
            zip(text["number"], text["class"], text["group"], text["team"],
                text["manufacturer"], first_lines, strict=True)
        )
    ])
    session = TimingSession(
        kind=kind, name=Path(file).stem, source_format=codes.FORMAT_ANALYSIS, cars=cars,
        source=SourceRef(file),
    )
    return AnalysisColumns(session=session, laps=laps, drivers=tuple(drivers),
                           sectors=tuple(sectors))


def _encoded(values: pa.ChunkedArray) -> tuple[pa.Array, list[str]]:
    """Each cell's code (null for a null cell), codes numbered in order of first appearance,
    and the text of each code."""
    encoded = pc.dictionary_encode(values)
    chunks = cast(list[pa.DictionaryArray], encoded.chunks)
    names = chunks[-1].dictionary.to_pylist() if chunks else []  # every chunk has them all
    return pa.concat_arrays([chunk.indices for chunk in chunks]), names


def _driver_names(laps: pl.DataFrame, drivers: list[str]) -> dict[int, list[str]]:
    """Each car's drivers by driver number, each under the name of its first named lap.

    `laps` is sorted by car then lap, so a car's first named lap with a driver number is the
    first row of its runs of that car and number among the named rows.
    """
    driver = np.nan_to_num(laps["driver"].to_numpy(), nan=-1).astype(np.int64)
    named = np.flatnonzero(driver >= 0)
    number = np.nan_to_num(laps["driver_no"].to_numpy(), nan=0).astype(np.int64)[named]
    car = laps["car"].to_numpy().astype(np.int64)[named]
    # Only the first row of each run of one car and driver number can be a first occurrence.
    starts = np.flatnonzero((np.diff(car, prepend=-1) != 0) | (np.diff(number, prepend=-1) != 0))
    order = np.lexsort((starts, number[starts], car[starts]))
    keep = np.ones(order.size, bool)
    keep[1:] = (np.diff(car[starts][order]) != 0) | (np.diff(number[starts][order]) != 0)
    chosen = order[keep]
    result: dict[int, list[str]] = {}
    for index, code in zip(car[starts][chosen].tolist(),
                           driver[named[starts][chosen]].tolist(), strict=True):
        result.setdefault(index, []).append(drivers[code])
    return result
