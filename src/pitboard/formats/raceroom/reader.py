"""Read a RaceRoom dedicated-server results file (JSON) into TimingSessions.

One file holds every session of an event (`Sessions[]`, in the order run), each with its
players already in classification order. Times are milliseconds, -1000 for none. Laps give
their time, the cumulative split times and whether the lap was valid, but no session clock, so
the engine takes laps and totals as stated (as for ACC). A lapped car's last entry, the lap it
was on when the leader finished (time -1000), is not a lap it completed.

The file states no car number and no class: each car's class is its model (`Car`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pitboard.domain import InputError, Problem, SourceRef
from pitboard.domain.problems import show_found
from pitboard.domain.timing import Lap, SessionKind, TimedCar, TimedDriver, TimingSession
from pitboard.formats.jsondoc import (
    LARGEST,
    Fields,
    JsonObject,
    decode_json_bytes,
    line_of,
    load_json,
)
from pitboard.formats.raceroom.codes import (
    FINISH_STATUSES,
    NO_TIME_MS,
    SESSION_KINDS,
    SESSION_TYPE,
)
from pitboard.formats.text import default_manufacturer

SOURCE_FORMAT = "raceroom-json"
_JSON_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")


def _seconds(ms: int | None) -> float | None:
    return ms / 1000 if ms is not None and ms > NO_TIME_MS else None


def _sectors(f: Fields, raw: Any, path: str) -> tuple[float | None, ...]:
    """Sector times from the cumulative splits the server writes ([22478, 62595, 97152])."""
    splits = f.items(raw, "SectorTimes", path) if "SectorTimes" in raw else []
    sectors: list[float | None] = []
    previous: int | None = 0
    for split in splits:
        good = (isinstance(split, int) and not isinstance(split, bool)
                and NO_TIME_MS < split < LARGEST)
        sectors.append(_seconds(split - previous) if good and previous is not None else None)
        previous = split if good else None
    return tuple(sectors)


def _laps(f: Fields, raw: Any, path: str) -> tuple[Lap, ...]:
    entries = f.items(raw, "RaceSessionLaps", path) if raw.get("RaceSessionLaps") else []
    while entries and not _completed_last(f, entries[-1], f"{path}.RaceSessionLaps"):
        entries = entries[:-1]
    laps = []
    for number, lap in enumerate(entries, start=1):
        lap_path = f"{path}.RaceSessionLaps[{number - 1}]"
        valid = f.flag(lap, "Valid", lap_path) if "Valid" in lap else None
        pit = f.flag(lap, "PitStopOccured", lap_path) if "PitStopOccured" in lap else None
        laps.append(Lap(
            number=number,
            time_seconds=_seconds(f.integer(lap, "Time", lap_path)),
            sectors=_sectors(f, lap, lap_path),
            pit_in=bool(pit),
            valid=valid is not False,
            source=SourceRef(f.file, line_of(lap)),
        ))
    return tuple(laps)


def _completed_last(f: Fields, lap: Any, path: str) -> bool:
    """A last entry without a time was the lap under way when the session ended."""
    if not isinstance(lap, dict):
        return True
    time = lap.get("Time")
    return not isinstance(time, int) or time > NO_TIME_MS


def _car(f: Fields, raw: Any, path: str, is_race: bool) -> TimedCar | None:
    name = " ".join((f.text(raw, "FullName", path, default="")
                     or f.text(raw, "Username", path, default="")).split())
    car = f.text(raw, "Car", path)
    position = f.integer(raw, "Position", path)
    status_text = f.text(raw, "FinishStatus", path, default="None")
    if status_text not in FINISH_STATUSES:
        f.problem(raw, f"{path}.FinishStatus", f"one of {', '.join(FINISH_STATUSES)}",
                  status_text)
    laps = _laps(f, raw, path)
    total = f.integer(raw, "TotalTime", path) if "TotalTime" in raw else None
    best = f.integer(raw, "BestLapTime", path) if "BestLapTime" in raw else None
    user = f.integer(raw, "UserId", path) if "UserId" in raw else None
    if not car or position is None:
        return None
    return TimedCar(
        number="",  # the server numbers no car
        class_code=car,
        vehicle=car,
        manufacturer=default_manufacturer(car),
        drivers=(TimedDriver(name=name, source_id=str(user) if user is not None else None),)
        if name else (),
        laps=laps,
        stated_status=FINISH_STATUSES.get(status_text),
        stated_position=position,
        stated_laps=len(laps),
        stated_total_seconds=_seconds(total) if is_race else None,
        stated_best_lap_seconds=_seconds(best),
        source=SourceRef(f.file, line_of(raw)),
    )


def _date(f: Fields, doc: Any) -> dt.date | None:
    """`/Date(1589028832901+0000)/` (ms since 1970, UTC) or plain Unix seconds."""
    for key in ("StartTime", "Time"):
        value = doc.get(key)
        if value is None:
            continue
        match = _JSON_DATE.match(value.strip()) if isinstance(value, str) else None
        seconds = (int(match.group(1)) / 1000 if match else
                   value if isinstance(value, int | float) and not isinstance(value, bool)
                   else None)
        try:
            if seconds is not None:
                return dt.datetime.fromtimestamp(seconds, dt.UTC).date()
        except (OverflowError, OSError, ValueError):
            pass
        f.problem(doc, f"$.{key}", "a date like /Date(1589028832901)/ or Unix seconds", value)
        return None
    return None


def parse_raceroom_sessions(data: bytes, file: str) -> tuple[TimingSession, ...]:
    """Every session of the event, in the order run; InputError lists every problem."""
    doc = load_json(decode_json_bytes(data, file), file)
    if not isinstance(doc, JsonObject):
        raise InputError([Problem(file, 1, "$", "a JSON object", show_found(type(doc).__name__))])
    f = Fields(file)
    track = f.text(doc, "Track", "$")
    layout = f.text(doc, "TrackLayout", "$", default="")
    event = f.text(doc, "Server", "$", default="")
    date = _date(f, doc)
    sessions = []
    for i, raw in enumerate(f.items(doc, "Sessions", "$")):
        path = f"Sessions[{i}]"
        session_type = f.text(raw, "Type", path)
        match = SESSION_TYPE.match(session_type)
        if match is None:
            f.problem(raw, f"{path}.Type", "Practice, Qualify, Warmup or Race (Race2 ...)",
                      session_type)
            continue
        kind = SESSION_KINDS[match.group(1)]
        players = f.items(raw, "Players", path) if raw.get("Players") else []
        cars = [car for j, player in enumerate(players)
                if (car := _car(f, player, f"{path}.Players[{j}]",
                                kind is SessionKind.RACE)) is not None]
        if cars:  # a session nobody ran is not a session of the event
            sessions.append(TimingSession(
                kind=kind, name=session_type, source_format=SOURCE_FORMAT, event=event,
                track=f"{track} - {layout}" if layout else track, date=date,
                cars=tuple(cars), source=SourceRef(file, line_of(raw)),
            ))
    if not sessions and not f.problems:
        f.problem(doc, "$.Sessions", "at least one session with players", "none")
    f.raise_if_any()
    return tuple(sessions)
