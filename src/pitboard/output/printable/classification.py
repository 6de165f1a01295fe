"""A race classification as a printable sheet, from any source of classification rows.

The rows a sheet takes carry the fields of an official classification: position, class,
class_position, number, team, drivers, laps, status, gap, class_gap, best_lap, penalties. They
may be mappings (the rows of `round_document`) or objects with those attributes (a timing
classification), so every source prints through the one template.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pitboard.domain.classification import Classification
from pitboard.domain.durations import format_duration, format_race_time

ROW_FIELDS = ("position", "class", "class_position", "number", "team", "drivers", "laps",
              "status", "gap", "class_gap", "best_lap", "penalties")
OPTIONAL_FIELDS = ("time", "points")  # a race time where the source has one; a row's points


@dataclass(frozen=True, slots=True)
class SheetHeader:
    series: str
    season: str
    event: str
    circuit: str = ""
    date: dt.date | None = None
    session: str = "Race"


@dataclass(frozen=True, slots=True)
class SheetRow:
    position: int | None
    class_code: str
    class_position: int | None
    number: str
    team: str
    drivers: tuple[str, ...]
    laps: int | None
    status: str  # "classified", NC, DNF, DNS, DSQ, EXC
    gap: str = ""
    class_gap: str = ""
    best_lap: str = ""
    penalties: str = ""
    points: str = ""  # blank for a car that can score nothing (a class that is not scored)
    time: str = ""  # the race time, `h:mm:ss.fff`

    @property
    def classified(self) -> bool:
        return self.status.casefold() == "classified"

    @property
    def car(self) -> str:
        """`#007 Craft Racing`; the team alone where the record gives no number."""
        return f"#{self.number} {self.team}" if self.number else self.team


@dataclass(frozen=True, slots=True)
class Column:
    """A column of the sheet: the row field it prints and its heading."""

    field: str
    heading: str
    numeric: bool = False


# Every column a sheet may print, in order; a sheet prints those its rows fill (the class place
# and the car always). The first one prints a car's status in the rows not classified.
COLUMNS = (
    Column("class_position", "Pos", numeric=True),
    Column("position", "Overall", numeric=True),
    Column("number", "No"),
    Column("team", "Team"),
    Column("drivers", "Drivers"),
    Column("laps", "Laps", numeric=True),
    Column("time", "Time", numeric=True),
    Column("gap", "Gap", numeric=True),
    Column("class_gap", "Class gap", numeric=True),
    Column("best_lap", "Best lap", numeric=True),
    Column("penalties", "Penalties"),
    Column("points", "Points", numeric=True),
)
_ALWAYS = {"class_position", "number", "team", "drivers"}


@dataclass(frozen=True, slots=True)
class ClassGroup:
    class_code: str
    classified: list[SheetRow]
    not_classified: list[SheetRow]


@dataclass(frozen=True, slots=True)
class ClassificationSheet:
    header: SheetHeader
    rows: list[SheetRow]
    notes: list[str] = field(default_factory=list)
    class_order: list[str] = field(default_factory=list)  # the season's; else by best car

    def groups(self) -> list[ClassGroup]:
        """Rows by class, classes in the order given (else of their best car), classified
        cars first."""
        present = list(dict.fromkeys(r.class_code for r in self.rows))
        codes = [c for c in self.class_order if c in present]
        codes += [c for c in present if c not in codes]
        return [
            ClassGroup(
                code,
                sorted((r for r in self.rows if r.class_code == code and r.classified),
                       key=lambda r: (r.class_position or 0, r.position or 0)),
                [r for r in self.rows if r.class_code == code and not r.classified],
            )
            for code in codes
        ]

    def columns(self) -> list[Column]:
        """The columns some row fills: no Overall where the record gives no overall order,
        no Time where it gives no race times."""
        return [c for c in COLUMNS
                if c.field in _ALWAYS or any(_filled(getattr(r, c.field)) for r in self.rows)]


def _filled(value: object) -> bool:
    return value is not None and value not in ("", ())


def _get(row: object, name: str) -> object:
    if isinstance(row, Mapping):
        if name == "class":
            return row.get("class", row.get("class_code"))
        return row.get(name)
    if name == "class":
        return getattr(row, "class_code", getattr(row, "class_", None))
    return getattr(row, name, None)


def _text(value: object) -> str:
    """A figure as a classification prints it: seconds as a lap time, lists joined."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, float):
        return format_duration(value)
    if isinstance(value, str):
        return value
    if isinstance(value, Iterable):
        return "; ".join(_text(v) for v in value)
    return str(getattr(value, "value", value))


def _gap_text(value: object) -> str:
    if isinstance(value, float):
        return f"+{format_duration(value)}"
    return _text(value)


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _driver_names(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    if isinstance(value, Iterable):
        return tuple(str(getattr(d, "name", d)) for d in value)
    return ()


def sheet_row(row: object) -> SheetRow:
    """A printable row from a mapping or an object with the classification row fields."""
    status = _get(row, "status")
    return SheetRow(
        position=_int(_get(row, "position")),
        class_code=_text(_get(row, "class")),
        class_position=_int(_get(row, "class_position")),
        number=_text(_get(row, "number")),
        team=_text(_get(row, "team")),
        drivers=_driver_names(_get(row, "drivers")),
        laps=_int(_get(row, "laps")),
        status=_text(status) or "classified",
        gap=_gap_text(_get(row, "gap")),
        class_gap=_gap_text(_get(row, "class_gap")),
        best_lap=_text(_get(row, "best_lap")),
        penalties=_text(_get(row, "penalties")),
        points=_text(_get(row, "points")),
        time=_text(_get(row, "time")),
    )


def sheet_from_rows(header: SheetHeader, rows: Iterable[object], notes: Sequence[str] = (),
                    class_order: Sequence[str] = ()) -> ClassificationSheet:
    """A sheet from classification rows of any source, in the order given."""
    return ClassificationSheet(header, [sheet_row(r) for r in rows], list(notes),
                               list(class_order))


def _is_gap(text: str) -> bool:
    """Whether a result's time as written is a gap (`+13.112`, `2 Laps`), not a race time."""
    return text.startswith("+") or "lap" in text.casefold()


def _laps_behind(laps: int | None, leader: int | None) -> str:
    if laps is None or leader is None or laps >= leader:
        return ""
    behind = leader - laps
    return f"+{behind} lap{'s' if behind != 1 else ''}"


def sheets_from_round_document(
    document: Mapping[str, object],
    race_number: int | None = None,
    class_code: str | None = None,
) -> list[ClassificationSheet]:
    """A sheet per race of a `round_document`; gaps in laps where the results give no time."""
    season = document["season"]
    rnd = document["round"]
    races = document["races"]
    if not isinstance(season, Mapping) or not isinstance(rnd, Mapping) \
            or not isinstance(races, list):
        raise TypeError("not a round document")
    date = rnd.get("date")
    sheets = []
    for race in races:
        if race_number is not None and race["number"] != race_number:
            continue
        rows: list[dict[str, object]] = []
        for cls in race["classes"]:
            if class_code is not None and cls["class"].casefold() != class_code.casefold():
                continue
            for row in cls["rows"]:
                rows.append({**row, "class": cls["class"]})
        classified = [r for r in rows if r["status"] == "classified"]
        overall = max((_int(r["laps"]) or 0 for r in classified), default=None)
        by_class: dict[str, int] = {}
        for r in classified:
            code = str(r["class"])
            by_class[code] = max(by_class.get(code, 0), _int(r["laps"]) or 0)
        has_overall = any(r["position"] is not None for r in rows)
        rows.sort(key=lambda r: (r["position"] is None, _int(r["position"]) or 0))
        for r in rows:
            written = str(r.get("time") or "")
            r["time"] = "" if _is_gap(written) else written
            if r["status"] == "classified":
                laps = _int(r["laps"])
                r.setdefault("gap", _laps_behind(laps, overall) if has_overall else "")
                r.setdefault("class_gap", written if _is_gap(written)
                             else _laps_behind(laps, by_class.get(str(r["class"]))))
            r["best_lap"] = r.get("best_lap")
            r["penalties"] = r.get("penalties")
        header = SheetHeader(
            series=str(season["series"]),
            season=str(season["name"]),
            event=str(rnd["name"]),
            circuit=str(rnd.get("circuit") or ""),
            date=dt.date.fromisoformat(date) if isinstance(date, str) else None,
            session=str(race["name"]),
        )
        notes = [f"{sheet_row(r).car}: {r['note']}" for r in rows if r.get("note")]
        order = [str(cls["class"]) for cls in race["classes"]]
        sheets.append(sheet_from_rows(header, rows, notes, order))
    return sheets


def sheet_from_classification(
    result: Classification,
    header: SheetHeader,
    class_code: str | None = None,
) -> ClassificationSheet:
    """A sheet from a timed race's classification (penalties printed with their reasons)."""
    rows = []
    for car in result.cars:
        if class_code is not None and car.class_code.casefold() != class_code.casefold():
            continue
        row = car.as_row()
        row["penalties"] = car.notes()
        row["time"] = format_race_time(car.race_seconds) \
            if car.status.is_classified and car.race_seconds is not None else ""
        if not car.status.is_classified:
            row["class_position"] = None  # a car not classified has no place in its class
        rows.append(row)
    notes = [
        f"Fastest lap {best.class_code}: #{best.number}"
        + (f" {best.driver}" if best.driver else "")
        + f", {format_duration(best.seconds)}"
        + (f" (lap {best.lap})" if best.lap else "")
        for best in result.class_bests
        if class_code is None or best.class_code.casefold() == class_code.casefold()
    ]
    return sheet_from_rows(header, rows, notes)
