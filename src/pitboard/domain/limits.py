"""How large and what kind of input pitboard takes: one set of limits for every way in.

Ingest holds every record a reader makes (and every value a season file gives) against these
limits before anything is scored or stored, and the database schema states the same ones
(store/schema.py), so SQLite and PostgreSQL keep exactly what the other would: a value past a
limit is a located problem of its file, never a database error. docs/season-file.md lists them.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from pydantic import BaseModel

from pitboard.domain.problems import InputError, Problem, SourceRef, show_found

# -- files ------------------------------------------------------------------------------------

# The largest file read: a 24-hour race's lap-by-lap Analysis is under 5 MB, a season of sim
# results a few MB; anything this size is not a timing file.
MAX_FILE_BYTES = 256 * 1024 * 1024
# A season of many rounds holds a few thousand YAML values; an alias of an alias of ... can
# make millions out of a few lines.
MAX_YAML_VALUES = 200_000
# Cells of all the tables of one record-book page, spans laid out: a season's page holds a
# few thousand; a few rowspans and colspans must not lay out billions.
MAX_TABLE_CELLS = 250_000

# -- text -------------------------------------------------------------------------------------

CODE_LENGTH = 50  # a class code (LMP2, GTE Am)
NUMBER_LENGTH = 20  # a car number, as text ("007")
ID_LENGTH = 100  # a series id, the first half of a season's address
SEASON_NAME_LENGTH = 50  # "2013", "2019-20": the second half
NAME_LENGTH = 200  # a person, team, car, engine, circuit, round, session ...
TEXT_LENGTH = 2_000  # a note or a reason
DECIMAL_LENGTH = 20  # a points multiplier or adjustment, kept as its text

# -- numbers ----------------------------------------------------------------------------------

MAX_ROUND = 1_000  # round numbers 1 .. this
MAX_RACE = 100  # race numbers in a round 1 .. this
MAX_COUNT = 1_000_000  # places, laps, lap numbers, stints, counts: 0 .. this
MAX_SECONDS = 10_000_000.0  # any time in seconds, either sign (115 days)
# Every whole number above fits a PostgreSQL INTEGER (and so SQLite's 64 bits).
MAX_INTEGER = 2**31 - 1

# Characters no text may hold: NUL (PostgreSQL refuses it) and lone surrogates (no UTF-8 can
# write them: every output would fail on them).
_FORBIDDEN = re.compile("[\x00\ud800-\udfff]")


@dataclass(frozen=True)
class Range:
    low: int
    high: int
    what: str

    def expected(self) -> str:
        return f"{self.what} from {self.low:,} to {self.high:,}"


ROUND = Range(1, MAX_ROUND, "a round number")
RACE = Range(1, MAX_RACE, "a race number")
COUNT = Range(0, MAX_COUNT, "a whole number")

# Field names whose text has another length than NAME_LENGTH, and fields of one record type
# whose meaning differs from the same name elsewhere (a round's `number` is a round number).
_LENGTHS: Mapping[str, int] = {
    "class_code": CODE_LENGTH, "code": CODE_LENGTH, "class_": CODE_LENGTH, "class": CODE_LENGTH,
    "number": NUMBER_LENGTH, "order": NUMBER_LENGTH, "car_order": NUMBER_LENGTH,
    "note": TEXT_LENGTH, "notes": TEXT_LENGTH, "reason": TEXT_LENGTH,
    "status_reason": TEXT_LENGTH, "description": TEXT_LENGTH,
}
_RANGES: Mapping[str, Range] = {"round": ROUND, "rounds": ROUND, "race": RACE}
_OF_TYPE: Mapping[tuple[str, str], int | Range] = {
    ("Series", "id"): ID_LENGTH, ("SeriesSpec", "id"): ID_LENGTH,
    ("Season", "name"): SEASON_NAME_LENGTH, ("SeasonSpec", "season"): SEASON_NAME_LENGTH,
    ("Season", "id"): ID_LENGTH + 1 + SEASON_NAME_LENGTH,
    ("Round", "number"): ROUND, ("Race", "number"): RACE, ("RaceSpec", "number"): RACE,
    ("TimedRace", "race"): RACE, ("RoundKey", "number"): ROUND,
}
# A series id and a season's name are the two halves of a season's address (its id
# `series/season`, and its pages' /seasons/{series}/{season}): neither may hold a `/` nor be
# `.` or `..`, or no address could reach the season.
_ADDRESS_PARTS = frozenset({("Series", "id"), ("SeriesSpec", "id"), ("Season", "name"),
                           ("SeasonSpec", "season")})


@dataclass(frozen=True)
class Breach:
    """One value past a limit: where it is (the nearest record with a source, and the path
    from there), what the limit is, and what was found."""

    path: tuple[str | int, ...]
    expected: str
    found: str
    source: SourceRef | None = None

    @property
    def field(self) -> str:
        return ".".join(str(p) for p in self.path) or "(document)"

    def problem(self, file: str) -> Problem:
        """The breach as a problem of `file`, at its record's line where it has one."""
        if self.source is not None:
            return Problem(self.source.file, self.source.line, self.field, self.expected,
                           self.found)
        return Problem(file, None, self.field, self.expected, self.found)


def text_breach(text: str, length: int = NAME_LENGTH) -> tuple[str, str] | None:
    """(expected, found) when a text is too long or holds a character no text may hold."""
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        return ("text without NUL bytes or lone surrogates",
                f"{bad.group()!r} at character {bad.start() + 1}")
    if len(text) > length:
        return f"at most {length:,} characters", f"{len(text):,} characters"
    return None


def address_part_breach(text: str) -> tuple[str, str] | None:
    if "/" in text or text in (".", ".."):
        return "a name without '/' that is not '.' or '..' (it is part of an address)", repr(text)
    return None


def number_breach(value: int, limit: Range = COUNT) -> tuple[str, str] | None:
    if limit.low <= value <= limit.high:
        return None
    return limit.expected(), show_found(value)


def seconds_breach(value: float) -> tuple[str, str] | None:
    if math.isfinite(value) and abs(value) <= MAX_SECONDS:
        return None
    return f"a number of at most {MAX_SECONDS:,.0f} (seconds, laps or places)", show_found(value)


def decimal_breach(value: Decimal) -> tuple[str, str] | None:
    if value.is_finite() and len(str(value)) <= DECIMAL_LENGTH:
        return None
    return f"a finite number of at most {DECIMAL_LENGTH} characters", show_found(value)


def breaches(value: object, *, most: int = 50) -> list[Breach]:
    """Every value past a limit in a record (a domain record, a schema model, or tuples and
    lists of them), at most `most` of them: one damaged file must not make a million problems."""
    found: list[Breach] = []
    for breach in _walk(value, (), "", None, None):
        found.append(breach)
        if len(found) >= most:
            break
    return found


def check_limits(value: object, file: str) -> None:
    """Raise InputError, every breach located, when a record holds a value past a limit."""
    found = breaches(value)
    if found:
        raise InputError(list(dict.fromkeys(b.problem(file) for b in found)))


def _walk(value: object, path: tuple[str | int, ...], owner: str, name: str | None,
          source: SourceRef | None) -> Iterator[Breach]:
    """Depth first through a record; `owner` is the record type holding the field `name`."""
    if value is None or isinstance(value, bool | Enum):
        return
    if isinstance(value, str):
        limit = _limit(owner, name)
        result = text_breach(value, limit if isinstance(limit, int) else NAME_LENGTH)
        if result is None and (owner, name) in _ADDRESS_PARTS:
            result = address_part_breach(value)
    elif isinstance(value, int):
        limit = _limit(owner, name)
        result = number_breach(value, limit if isinstance(limit, Range) else COUNT)
    elif isinstance(value, float):
        result = seconds_breach(value)
    elif isinstance(value, Decimal):
        result = decimal_breach(value)
    elif isinstance(value, BaseModel) or (
            dataclasses.is_dataclass(value) and not isinstance(value, SourceRef | type)):
        here = getattr(value, "source", None)
        if isinstance(here, SourceRef):
            source, path = here, ()
        kind = type(value).__name__
        items = (value.__dict__.items() if isinstance(value, BaseModel)
                 else ((f.name, getattr(value, f.name)) for f in dataclasses.fields(value)))
        for field, item in items:
            if field not in {"source", "file"}:
                yield from _walk(item, (*path, field), kind, field, source)
        return
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index), owner, name, source)
        return
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (key_result := text_breach(key)) is not None:
                yield Breach((*path, key), *key_result, source)
            elif not isinstance(key, str):
                yield from _walk(key, path, owner, name, source)
            yield from _walk(item, (*path, str(key)), owner, name, source)
        return
    else:  # dates, times and anything else with a bounded size
        return
    if result is not None:
        yield Breach(path, *result, source)


def _limit(owner: str, name: str | None) -> int | Range | None:
    if name is None:
        return None
    if (owner, name) in _OF_TYPE:
        return _OF_TYPE[owner, name]
    return _LENGTHS.get(name) or _RANGES.get(name)
