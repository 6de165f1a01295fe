"""Al Kamel CSV files as a table of text: `;`-separated, BOM, CRLF, stray spaces, trailing `;`.

pyarrow parses the bytes (a 4 MB race file in tens of milliseconds); every cell stays text so
each reader converts and checks the fields it needs and reports the line of any bad value.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import polars as pl
import pyarrow as pa
import pyarrow.csv as pa_csv

from pitboard.domain import InputError, Problem
from pitboard.domain.problems import show_found
from pitboard.formats.text import check_utf8

LINE = "_line"  # column holding each row's line number in the file


def header_names(data: bytes) -> list[str]:
    """The column names of the first line, stripped of BOM, CR and stray spaces."""
    end = data.find(b"\n")
    first = data[: end if end >= 0 else len(data)]
    text = first.decode("utf-8-sig", errors="replace").rstrip("\r")
    return [name.strip() for name in text.split(";")]


def check_header(data: bytes, file: str, required: Sequence[str]) -> list[str]:
    """The column names, once the header is known to hold every required column."""
    names = header_names(data)
    if len(names) < 2:
        raise InputError(
            [Problem(file, 1, "header", "an Al Kamel header of ;-separated column names",
                     show_found(names[0] if names else ""))]
        )
    missing = [name for name in required if name not in names]
    if missing:
        raise InputError(
            [Problem(file, 1, name, f"a column named {name}", "no such column") for name in missing]
        )
    return names


def read_table(
    data: bytes, file: str, required: Sequence[str], optional: Sequence[str] = ()
) -> pl.DataFrame:
    """The named columns of the file as text (an optional column the file lacks is blank), plus
    `_line`.

    A missing required column is a problem located on the header line; so is a row with the
    wrong number of fields. Unknown columns are ignored.
    """
    # A located problem at the first byte that is not UTF-8; else pyarrow would decode a bad
    # row's bytes itself, for the handler below, and print the failure.
    check_utf8(data, file)
    names = check_header(data, file, required)
    wanted = {name: f"c{names.index(name)}" for name in (*required, *optional) if name in names}
    bad_rows: list[Problem] = []

    def invalid_row(row: pa_csv.InvalidRow) -> str:
        line = row.number if row.number is not None else _line_of(data, row.text)
        bad_rows.append(
            Problem(file, line, "row", f"{row.expected_columns} ;-separated fields",
                    f"{row.actual_columns}")
        )
        return "skip"

    try:
        table = pa_csv.read_csv(
            pa.BufferReader(data),
            read_options=pa_csv.ReadOptions(
                column_names=[f"c{i}" for i in range(len(names))], skip_rows=1, use_threads=False
            ),
            parse_options=pa_csv.ParseOptions(
                delimiter=";", quote_char=False, invalid_row_handler=invalid_row
            ),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(wanted.values(), pa.string()),
                include_columns=list(wanted.values()),
                strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid as err:
        raise InputError([Problem(file, None, "csv", "a well-formed CSV file", str(err))]) from None
    if bad_rows:
        raise InputError(bad_rows)
    frame = cast(pl.DataFrame, pl.from_arrow(table))  # a Table always gives a DataFrame
    return frame.rename({code: name for name, code in wanted.items()}).with_columns(
        pl.all().str.strip_chars(),
        *(pl.lit("").alias(name) for name in optional if name not in wanted),
        (pl.int_range(pl.len(), dtype=pl.Int64) + 2).alias(LINE),
    )


def _line_of(data: bytes, text: str) -> int | None:
    at = data.find(text.encode("utf-8", errors="replace"))
    return data[:at].count(b"\n") + 1 if at >= 0 else None


def seconds_expr(column: str) -> pl.Expr:
    """Seconds from `ss.fff`, `m:ss.fff`, `h:mm:ss.fff` or `h:mm'ss.fff`; null when not a time.

    The forms `domain.durations.parse_duration` reads, to the millisecond, but vectorised (split
    on `:` and weigh the parts) because a 24-hour race has 20,000 laps of seven time columns each.
    As there, `NaN`, `inf` and sums too large to count are not times.
    """
    parts = pl.col(column).str.replace_all("'", ":", literal=True).str.split(":")
    count = parts.list.len()

    def part(index: int) -> pl.Expr:
        return parts.list.get(index, null_on_oob=True).cast(pl.Float64, strict=False)

    hours, minutes, seconds = part(-3), part(-2), part(-1)
    total = hours.fill_null(0) * 3600 + minutes.fill_null(0) * 60 + seconds
    well_formed = (
        (count <= 3)
        & ((count < 3) | hours.is_not_null())
        & ((count < 2) | minutes.is_not_null())
        & (seconds >= 0)
        & (minutes.fill_null(0) >= 0)
        & (hours.fill_null(0) >= 0)
        & total.is_finite()
    )
    return pl.when(well_formed).then(total.round(3)).otherwise(None)


def bad_values(
    frame: pl.DataFrame, file: str, column: str, parsed: pl.Series, expected: str,
    *, blank_ok: bool = True,
) -> list[Problem]:
    """A located problem for each cell of `column` whose parsed value is missing."""
    wrong = parsed.is_null()
    if blank_ok:
        wrong = wrong & (frame[column] != "")
    if not wrong.any():
        return []
    rows = frame.select(LINE, column).filter(wrong)
    return [
        Problem(file, line, column, expected, show_found(value))
        for line, value in zip(rows[LINE], rows[column], strict=True)
    ]
