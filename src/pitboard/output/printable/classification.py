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
from pitboard.domain.durations import format_duration

ROW_FIELDS = ("position", "class", "class_position", "number", "team", "drivers", "laps",
              "status", "gap", "class_gap", "best_lap", "penalties")


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
    points: str = ""

    @property
    def classified(self) -> bool:
        return self.status.casefold() == "classified"


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

    def groups(self) -> list[ClassGroup]:
        """Rows by class, classes in order of their best car, classified cars first."""
        codes = list(dict.fromkeys(r.class_code for r in self.rows))
        return [
            ClassGroup(
                code,
                sorted((r for r in self.rows if r.class_code == code and r.classified),
                       key=lambda r: (r.class_position or 0, r.position or 0)),
                [r for r in self.rows if r.class_code == code and not r.classified],
            )
            for code in codes
        ]

    @property
    def has_points(self) -> bool:
        return any(r.points for r in self.rows)


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
    )


def sheet_from_rows(header: SheetHeader, rows: Iterable[object],
                    notes: Sequence[str] = ()) -> ClassificationSheet:
    """A sheet from classification rows of any source, in the order given."""
    return ClassificationSheet(header, [sheet_row(r) for r in rows], list(notes))


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
        rows.sort(key=lambda r: (r["position"] is None, _int(r["position"]) or 0))
        for r in rows:
            if r["status"] == "classified":
                laps = _int(r["laps"])
                r.setdefault("gap", r.get("time") or _laps_behind(laps, overall))
                r.setdefault("class_gap", _laps_behind(laps, by_class.get(str(r["class"]))))
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
        notes = [f"#{r['number']} {r['team']}: {r['note']}" for r in rows if r.get("note")]
        sheets.append(sheet_from_rows(header, rows, notes))
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
