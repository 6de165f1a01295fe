"""Shared plumbing for text formats: decoding and delimiter sniffing, with located errors."""

from __future__ import annotations

import csv
import io
import re
import struct

from pitboard.domain import InputError, Problem

# A place, lap count, race or round number in a table: ASCII digits, fewer than a billion (any
# more is a damaged cell, and would not fit the database's integers).
_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")






def decode(data: bytes, file: str) -> str:
    """Decode UTF-8 (with or without BOM); anything else is a located error, not a guess."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            [Problem(file, line, "encoding", "UTF-8 text", f"byte 0x{data[err.start]:02x}")]
        ) from None


_LONG_NUMBER = re.compile(r"\d{4000,}")


def too_deep(file: str, kind: str) -> InputError:
    """A JSON or YAML document nested thousands of levels deep (Python's parser recursion)."""
    return InputError([Problem(file, None, kind.lower(), f"{kind} nested a few levels deep",
                               "nesting too deep to read")])


def too_long_number(file: str, text: str, kind: str) -> InputError:
    """A number of more digits than Python converts (sys.int_info), at its line."""
    digits = _LONG_NUMBER.search(text)
    line = text.count("\n", 0, digits.start()) + 1 if digits else None
    return InputError([Problem(file, line, kind.lower(), "numbers of a sensible length",
                               "a number of thousands of digits")])


def check_utf8(data: bytes, file: str) -> None:
    """Raise `decode`'s located problem when `data` is not UTF-8, without decoding it.

    For files read as columns (Al Kamel): Arrow validates UTF-8 in a twentieth of the time a
    Python decode takes on a 24-hour race, and only a bad file is decoded, to locate its byte.
    """
    if data.isascii():
        return
    import pyarrow as pa

    offsets = pa.py_buffer(struct.pack("<qq", 0, len(data)))  # one cell: the whole file
    whole = pa.Array.from_buffers(pa.large_string(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        whole.validate(full=True)
    except pa.ArrowInvalid:
        decode(data, file)


def read_rows(text: str, file: str) -> list[tuple[int, list[str]]]:
    """CSV rows with their 1-based line numbers; the delimiter (, ; or tab) is sniffed."""
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            sample.splitlines()[0] if sample else ",", delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[tuple[int, list[str]]] = []
    try:
        start = 1
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as err:
        raise InputError(
            [Problem(file, reader.line_num, "csv", "well-formed CSV", str(err))]
        ) from None
    return rows


def whole_number(text: str) -> int | None:
    """The number a cell of plain digits holds; None for anything else (superscript and
    full-width digits too, which `str.isdigit` accepts and `int` refuses or reads)."""
    return int(text) if _WHOLE_NUMBER.fullmatch(text) else None


def default_manufacturer(chassis: str) -> str:
    """The make when a source gives none: the first word of the chassis (or vehicle) name."""
    words = chassis.split()
    return words[0] if words else ""


def csv_columns(head: bytes) -> set[str]:
    """The column names of a CSV's header line, folded, for sniffing which CSV a file is."""
    first = head.decode("utf-8-sig", errors="replace").splitlines()[:1]
    if not first:
        return set()
    cells = first[0].replace(";", ",").replace("\t", ",").split(",")
    return {c.strip().strip('"').casefold() for c in cells}
