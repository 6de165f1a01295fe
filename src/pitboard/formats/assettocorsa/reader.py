"""Read an Assetto Corsa dedicated-server results file (JSON) into a TimingSession.

One file per session, as the server writes it or as Assetto Server Manager saves it again
(with `Date` and per-result penalty fields). `Result` is the classification in the server's
order (laps, then time to the line); `Cars` the entry list's slots; `Laps` every completed lap
with the session clock at the line (`Timestamp`, ms). The file states no car number, no class
and no finishing status: a car's class is its model, and the engine decides who took the flag.

A car is a slot (`CarId`): its laps are the slot's, each with the name of who drove it, so a
slot taken over during the session is one car with several drivers. In a race, `TotalTime` is
the time from the start to the car's last crossing; its crossings are counted from that same
start (last `Timestamp` minus `TotalTime`), so its last crossing is the time the server states.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from pitboard.domain import FinishStatus, InputError, Problem, SourceRef
from pitboard.domain.problems import show_found
from pitboard.domain.timing import (
    Lap,
    SessionKind,
    StatedPenalty,
    TimedCar,
    TimedDriver,
    TimingSession,
)
from pitboard.formats.assettocorsa.codes import NO_BEST_LAP, NS_PER_SECOND, SESSION_KINDS
from pitboard.formats.jsondoc import (
    LARGEST,
    Fields,
    JsonObject,
    decode_json_bytes,
    line_of,
    load_json,
)

SOURCE_FORMAT = "assetto-corsa-json"


def _seconds(ms: int | None) -> float | None:
    """Milliseconds as seconds; 0 and the server's 999999999 are no time."""
    if ms is None or ms <= 0 or ms >= NO_BEST_LAP:
        return None
    return ms / 1000


def _laps_by_slot(f: Fields, doc: Any) -> dict[int, list[tuple[str, Any]]]:
    by_slot: dict[int, list[tuple[str, Any]]] = defaultdict(list)
    raw_laps = f.items(doc, "Laps", "$") if doc.get("Laps") is not None else []
    for i, raw in enumerate(raw_laps):
        slot = f.integer(raw, "CarId", f"Laps[{i}]")
        if slot is not None:
            by_slot[slot].append((f"Laps[{i}]", raw))
    return by_slot


def _laps(f: Fields, raw_laps: list[tuple[str, Any]], start_ms: int | None) -> tuple[Lap, ...]:
    laps = []
    for number, (path, raw) in enumerate(raw_laps, start=1):
        stamp = f.integer(raw, "Timestamp", path)
        cuts = f.integer(raw, "Cuts", path) if "Cuts" in raw else 0
        sectors = [s if isinstance(s, int) and abs(s) < LARGEST else None
                   for s in (f.items(raw, "Sectors", path) if "Sectors" in raw else [])]
        laps.append(Lap(
            number=number,
            driver=" ".join(f.text(raw, "DriverName", path, default="").split()) or None,
            time_seconds=_seconds(f.integer(raw, "LapTime", path)),
            elapsed_seconds=(stamp - start_ms) / 1000
            if start_ms is not None and stamp is not None else None,
            sectors=tuple(_seconds(s) for s in sectors),
            valid=not cuts,
            source=SourceRef(f.file, line_of(raw)),
        ))
    return tuple(laps)


def _last_crossing(f: Fields, laps: list[tuple[str, Any]]) -> int | None:
    """The session clock (ms) at the car's last crossing of the line."""
    return f.integer(laps[-1][1], "Timestamp", laps[-1][0]) if laps else None


def _race_start(f: Fields, results: list[Any], by_slot: dict[int, list[tuple[str, Any]]]
                ) -> int | None:
    """The start as the server counts it: each car's last crossing less its total time. Cars
    agree within a few hundredths; the earliest is taken for a car with no total of its own."""
    starts = []
    for i, raw in enumerate(results):
        slot = f.integer(raw, "CarId", f"Result[{i}]")
        total = f.integer(raw, "TotalTime", f"Result[{i}]")
        laps = by_slot.get(slot, []) if slot is not None else []
        last = _last_crossing(f, laps)
        if total and last is not None:
            starts.append(last - total)
    return min(starts) if starts else None


def _car(f: Fields, raw: Any, index: int, ctx: _Context) -> TimedCar | None:
    path = f"Result[{index}]"
    slot = f.integer(raw, "CarId", path)
    name = " ".join(f.text(raw, "DriverName", path, default="").split())
    raw_laps = ctx.by_slot.get(slot, []) if slot is not None else []
    if slot is None or (not name and not raw_laps):  # an empty slot of the entry list
        return None
    entry = ctx.slots.get(slot, {})
    model = f.text(raw, "CarModel", path, default="") or f.text(entry, "Model", "Cars",
                                                                 default="")
    total = f.integer(raw, "TotalTime", path) if "TotalTime" in raw else None
    start, last = ctx.start, _last_crossing(f, raw_laps)
    if ctx.is_race and total and last is not None:
        start = last - total
    laps = _laps(f, raw_laps, start if ctx.is_race else None)
    guid = f.text(raw, "DriverGuid", path, default="")
    drivers = [TimedDriver(name=name, source_id=guid or None)] if name else []
    for lap in laps:  # whoever else drove the slot
        if lap.driver and all(d.name != lap.driver for d in drivers):
            drivers.append(TimedDriver(name=lap.driver))
    penalty = f.integer(raw, "PenaltyTime", path) if "PenaltyTime" in raw else None
    penalty_seconds = penalty / NS_PER_SECOND if penalty else 0.0
    disqualified = f.flag(raw, "Disqualified", path) if "Disqualified" in raw else None
    driver_entry = entry.get("Driver") if isinstance(entry, dict) else None
    return TimedCar(
        number="",  # the server numbers no car
        class_code=model,
        team=f.text(driver_entry, "Team", "Cars", default="")
        if isinstance(driver_entry, dict) else "",
        vehicle=model,
        drivers=tuple(drivers),
        laps=laps,
        stated_status=FinishStatus.DSQ if disqualified else None,
        stated_position=index + 1,
        stated_laps=len(laps),
        stated_total_seconds=_seconds(total) if ctx.is_race else None,
        stated_best_lap_seconds=_seconds(f.integer(raw, "BestLap", path))
        if "BestLap" in raw else None,
        penalty_seconds=penalty_seconds,
        stated_penalties=(StatedPenalty(kind="PenaltyTime", seconds=penalty_seconds,
                                        in_result=True, source=SourceRef(f.file, line_of(raw))),)
        if penalty_seconds else (),
        source=SourceRef(f.file, line_of(raw)),
    )


class _Context:
    def __init__(self, f: Fields, doc: Any, is_race: bool) -> None:
        self.is_race = is_race
        self.by_slot = _laps_by_slot(f, doc)
        raw_cars = f.items(doc, "Cars", "$") if doc.get("Cars") is not None else []
        self.slots: dict[int, Any] = {
            slot: raw for i, raw in enumerate(raw_cars)
            if (slot := f.integer(raw, "CarId", f"Cars[{i}]")) is not None
        }
        self.start: int | None = None


def _date(f: Fields, doc: Any, file: str) -> dt.date | None:
    """Server Manager's `Date`, else the date in the server's file name (2019_2_15_21_16_RACE)."""
    text = f.text(doc, "Date", "$", default="")
    if text:
        try:
            return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            f.problem(doc, "$.Date", "a date-time like 2019-03-02T21:36:00Z", text)
            return None
    stem = file.replace("\\", "/").rsplit("/", 1)[-1].split("_")
    try:
        return dt.date(int(stem[0]), int(stem[1]), int(stem[2]))
    except (IndexError, ValueError):
        return None


def parse_assetto_corsa(data: bytes, file: str) -> TimingSession:
    """The session of an Assetto Corsa results file; InputError lists every problem."""
    doc = load_json(decode_json_bytes(data, file), file)
    if not isinstance(doc, JsonObject):
        raise InputError([Problem(file, 1, "$", "a JSON object", show_found(type(doc).__name__))])
    f = Fields(file)
    session_type = f.text(doc, "Type", "$")
    kind = SESSION_KINDS.get(session_type.upper())
    if kind is None and session_type:
        f.problem(doc, "$.Type", f"one of {', '.join(SESSION_KINDS)}", session_type)
    ctx = _Context(f, doc, kind is SessionKind.RACE)
    results = f.items(doc, "Result", "$") if doc.get("Result") is not None else []
    if ctx.is_race:
        ctx.start = _race_start(f, results, ctx.by_slot)
    cars = [car for i, raw in enumerate(results) if (car := _car(f, raw, i, ctx)) is not None]
    track = f.text(doc, "TrackName", "$")
    layout = f.text(doc, "TrackConfig", "$", default="")
    date = _date(f, doc, file)
    f.raise_if_any()
    return TimingSession(
        kind=kind or SessionKind.RACE,
        name=session_type.capitalize(),
        source_format=SOURCE_FORMAT,
        track=f"{track} - {layout}" if layout else track,
        date=date,
        cars=tuple(cars),
        source=SourceRef(file),
    )
