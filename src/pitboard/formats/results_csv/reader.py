"""Read a results CSV (and its qualifying variant) into result lines grouped by round and race.

Header names are case-insensitive, in any order; unknown columns are ignored. Every problem of the
file is collected and raised together as one InputError.
"""

from __future__ import annotations

import re

from pitboard.domain import (
    FinishStatus,
    InputError,
    Problem,
    QualifyingLine,
    QualifyingSession,
    ResultLine,
    SourceRef,
)
from pitboard.domain.durations import parse_duration
from pitboard.domain.problems import show_found
from pitboard.domain.results import ResultsFile, RoundKey
from pitboard.formats.results_csv.codes import DISALLOWED_WORDS, NO_WORDS, STATUS_WORDS, YES_WORDS
from pitboard.formats.text import default_manufacturer, read_rows, whole_number

RESULT_COLUMNS_REQUIRED = ("round", "class", "pos", "number", "team", "drivers")
RESULT_COLUMNS_OPTIONAL = (
    "race", "overall", "chassis", "engine", "manufacturer", "tyre", "pole", "laps", "time",
    "note",
)
QUALIFYING_COLUMNS_REQUIRED = ("pos", "class", "number", "team", "time")
DRIVER_SEPARATOR = " / "
UNNAMED = "?"  # the team of a car a record places but does not name
_PLACE_WITH_STATUS = re.compile(r"^\s*([0-9]{1,9})\s+([A-Za-z]+)\s*$")


class _Row:
    """One CSV row with located field access that records problems instead of raising."""

    def __init__(
        self, file: str, line: int, cells: dict[str, str], problems: list[Problem]
    ) -> None:
        self.file, self.line, self.cells, self.problems = file, line, cells, problems

    def get(self, name: str) -> str:
        return self.cells.get(name, "").strip()

    def problem(self, field_name: str, expected: str, found: str) -> None:
        self.problems.append(Problem(self.file, self.line, field_name, expected, show_found(found)))

    def required(self, name: str, expected: str) -> str:
        value = self.get(name)
        if not value:
            self.problem(name, expected, value)
        return value

    def optional_int(self, name: str, minimum: int = 0) -> int | None:
        value = self.get(name)
        if value in {"", "-", "–", "—"}:
            return None
        number = whole_number(value)
        if number is None or number < minimum:
            self.problem(name, f"a whole number of at least {minimum}", value)
            return None
        return number


def _header(rows: list[tuple[int, list[str]]], file: str, required: tuple[str, ...]) -> list[str]:
    if not rows:
        raise InputError([Problem(file, 1, "header", ", ".join(required), "an empty file")])
    line, header = rows[0]
    names = [h.strip().lstrip("\ufeff").lower() for h in header]
    missing = [name for name in required if name not in names]
    if missing:
        raise InputError(
            [
                Problem(file, line, name, "a column of this name in the header", "none")
                for name in missing
            ]
        )
    return names


def _cells(names: list[str], row: list[str]) -> dict[str, str]:
    cells: dict[str, str] = {}
    for name, value in zip(names, row, strict=False):
        cells.setdefault(name, value)
    return cells


def _parse_pos(row: _Row) -> tuple[FinishStatus, int | None] | None:
    text = row.get("pos")
    place = whole_number(text)
    if place is not None and place > 0:
        return FinishStatus.CLASSIFIED, place
    word = text.upper()
    if word in STATUS_WORDS:
        return STATUS_WORDS[word], None
    match = _PLACE_WITH_STATUS.match(text)  # record books write "21 DNF"
    if match and match.group(2).upper() in STATUS_WORDS:
        return STATUS_WORDS[match.group(2).upper()], int(match.group(1))
    row.problem("pos", "a finishing place (1, 2 ...) or NC, DNF, DNS, DSQ, EXC", text)
    return None


def _parse_overall(row: _Row) -> int | None:
    """The overall finishing place: a place, or blank (a status word such as DNF is no place)."""
    text = row.get("overall")
    if text.upper() in STATUS_WORDS:
        return None
    return row.optional_int("overall", minimum=1)


def _parse_yes_no(row: _Row, name: str) -> bool:
    text = row.get(name).lower()
    if text in YES_WORDS:
        return True
    if text not in NO_WORDS:
        row.problem(name, "yes, no or blank", text)
    return False


def _car_number(row: _Row) -> str | None:
    text = row.get("number").lstrip("#").strip()
    return text or None


def _drivers(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(DRIVER_SEPARATOR.strip()) if name.strip())


def parse_results(
    text: str, file: str, collect: list[Problem] | None = None
) -> ResultsFile:
    """Parse results CSV text; raise InputError listing every problem.

    With `collect`, problems are appended there instead and the good rows are returned, so a
    caller checking more (the season loader) can report everything in one go.
    """
    rows = read_rows(text, file)
    names = _header(rows, file, RESULT_COLUMNS_REQUIRED)
    problems: list[Problem] = [] if collect is None else collect
    result = ResultsFile(file=file)
    round_names: dict[str, RoundKey] = {}
    first_line: dict[RoundKey, int] = {}
    taken: dict[tuple[RoundKey, int, str, object], int] = {}
    for line, raw in rows[1:]:
        if not any(cell.strip() for cell in raw):
            continue
        row = _Row(file, line, _cells(names, raw), problems)
        round_text = row.required("round", "a round number or name")
        class_code = row.required("class", "a class code such as LMP2")
        pos = _parse_pos(row)
        # A car the record places but does not name: team `?`, number and drivers blank.
        unnamed = row.get("team") == UNNAMED and not (row.get("number") or row.get("drivers"))
        team = "" if unnamed else row.required("team", "the team name")
        race = row.optional_int("race", minimum=1) or 1
        overall = _parse_overall(row)
        laps = row.optional_int("laps")
        pole = _parse_yes_no(row, "pole")
        number = _car_number(row)
        chassis = row.get("chassis")
        if not round_text or not class_code or not (team or unnamed) or pos is None:
            continue
        key = _round_key(round_text, round_names)
        first_line.setdefault(key, line)
        status, order = pos
        slots: list[Slot] = [
            ("pos", "a place not already given", taken, (key, race, class_code.casefold(), order),
             str(order), status.is_classified),
            ("overall", "an overall place not already given", taken,
             (key, race, "\x00overall", overall), str(overall), overall is not None),
            ("number", "a car not already listed", taken, (key, race, "\x00number", number),
             str(number), number is not None),
        ]
        if not _first_time(row, slots):
            continue
        result.rounds.setdefault(key, {}).setdefault(race, []).append(
            ResultLine(
                class_code=class_code,
                status=status,
                order=order,
                position=overall,
                number=number,
                team=team,
                drivers=_drivers(row.get("drivers")),
                chassis=chassis,
                engine=row.get("engine"),
                manufacturer=row.get("manufacturer") or default_manufacturer(chassis),
                tyre=row.get("tyre"),
                laps=laps,
                time=row.get("time") or None,
                pole=pole,
                note=row.get("note"),
                source=SourceRef(file, line),
            )
        )
    if round_names and any(whole_number(key.name) is not None for key in first_line):
        # Named rounds are numbered by first appearance, so they would collide with numbers.
        for key in round_names.values():
            problems.append(Problem(file, first_line[key], "round",
                                    "round numbers throughout, or names throughout",
                                    f"{key.name!r} beside numbered rounds"))
    if problems and collect is None:
        raise InputError(problems)
    return result


Slot = tuple[str, str, dict[tuple[RoundKey, int, str, object], int],
             tuple[RoundKey, int, str, object], str, bool]


def _first_time(row: _Row, slots: list[Slot]) -> bool:
    """Whether each place, overall place and car number the row claims in its race is given for
    the first time; a repeat is a problem naming the line that gave it first."""
    for field_name, expected, taken, slot, found, applies in slots:
        if applies and slot in taken:
            row.problem(field_name, f"{expected} on line {taken[slot]}", found)
            return False
    for _, _, taken, slot, _, applies in slots:
        if applies:
            taken[slot] = row.line
    return True


def _round_key(text: str, seen: dict[str, RoundKey]) -> RoundKey:
    number = whole_number(text)
    if number is not None:
        return RoundKey(number, text)
    folded = text.casefold()
    if folded not in seen:
        seen[folded] = RoundKey(len(seen) + 1, text)
    return seen[folded]




def parse_qualifying(text: str, file: str) -> QualifyingSession:
    """Parse a qualifying CSV: pos, class, number, team, driver(s), time (or `Disallowed`)."""
    rows = read_rows(text, file)
    names = _header(rows, file, QUALIFYING_COLUMNS_REQUIRED)
    problems: list[Problem] = []
    lines: list[QualifyingLine] = []
    for line, raw in rows[1:]:
        if not any(cell.strip() for cell in raw):
            continue
        row = _Row(file, line, _cells(names, raw), problems)
        order = row.optional_int("pos", minimum=1)
        class_code = row.required("class", "a class code such as LMP2")
        team = row.required("team", "the team name")
        time_text = row.get("time")
        disallowed = time_text.casefold() in DISALLOWED_WORDS
        seconds = None if disallowed else parse_duration(time_text)
        if not disallowed and time_text and seconds is None:
            row.problem("time", "a lap time such as 1:19.143, or Disallowed", time_text)
        drivers = row.get("drivers") or row.get("driver")
        if order is None or not class_code or not team:
            if order is None and not row.get("pos"):
                row.problem("pos", "the qualifying position", "")
            continue
        lines.append(
            QualifyingLine(
                order=order,
                class_code=class_code,
                number=_car_number(row),
                team=team,
                drivers=_drivers(drivers),
                time_seconds=seconds,
                time=time_text or None,
                disallowed=disallowed,
                note=row.get("note"),
                source=SourceRef(file, line),
            )
        )
    if problems:
        raise InputError(problems)
    return QualifyingSession(lines=tuple(lines), source=SourceRef(file))
