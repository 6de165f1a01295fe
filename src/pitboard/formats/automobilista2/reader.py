"""Read the Automobilista 2 / Project CARS 2 dedicated server's `sms_stats` file into sessions.

The server's statistics addon keeps one file, rewritten after every session: the last sessions
run on the server (`stats.history`), each with its stages (practice1, qualifying1, race1 ...),
and each stage with its results in classification order and, where the server logged them, its
events (laps among them). Every stage with results is one session, in the order run.

The file is JSON written by Lua: lines starting with `//` are comments, and a list may be
written as an object keyed "0", "1" ... (or as {} when empty), so both forms are read. Classes,
cars and tracks are 32-bit ids (see codes.py). Times are milliseconds; lap events carry no
clock finer than a second, so laps carry none and the engine takes laps and totals as stated.
There are no car numbers and no teams: one person per car.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from pitboard.domain import FinishStatus, InputError, Problem, SourceRef
from pitboard.domain.problems import show_found
from pitboard.domain.timing import Lap, SessionKind, TimedCar, TimedDriver, TimingSession
from pitboard.formats.automobilista2.codes import (
    DISQUALIFIED_STATES,
    FINISHED,
    RETIRED_STATES,
    STAGE_KINDS,
    TRACKS,
    VEHICLE_CLASSES,
    VEHICLES,
)
from pitboard.formats.jsondoc import Fields, JsonObject, decode_json_bytes, line_of, load_json

SOURCE_FORMAT = "ams2-sms-stats-json"
_COMMENT = re.compile(r"^[ \t]*//.*$", re.MULTILINE)
_STAGE = re.compile(r"^([a-z]+?)(\d*)$")


def _number(f: Fields, obj: Any, key: str, path: str) -> int | None:
    """An optional whole number of at most 64 bits (a longer one is a located problem)."""
    return f.integer(obj, key, path) if isinstance(obj, dict) and key in obj else None


def _seconds(ms: int | None) -> float | None:
    return ms / 1000 if ms is not None and ms > 0 else None


def _date(seconds: int | None) -> dt.date | None:
    """A Unix time the server wrote; 0 (a stage that never started) or a damaged one is none."""
    if seconds is None or seconds <= 0:
        return None
    try:
        return dt.datetime.fromtimestamp(seconds, dt.UTC).date()
    except (OverflowError, OSError, ValueError):
        return None


def _entries(value: Any) -> list[Any]:
    """A Lua table as a list: a JSON list as it is, an object by its keys in file order."""
    if isinstance(value, list):
        return value
    if isinstance(value, dict):
        return list(value.values())
    return []


def _status(state: str) -> FinishStatus | None:
    if state == FINISHED:
        return FinishStatus.CLASSIFIED
    if state in RETIRED_STATES:
        return FinishStatus.DNF
    if state in DISQUALIFIED_STATES:
        return FinishStatus.DSQ
    return None  # still racing when the file was written, or a state with no verdict


def _vehicle(vehicle_id: int | None, class_id: int | None) -> tuple[str, str]:
    """The car's name and class: known ids by name, others as the id the file gives."""
    if vehicle_id in VEHICLES:
        return VEHICLES[vehicle_id]
    car = str(vehicle_id) if vehicle_id is not None else ""
    if class_id in VEHICLE_CLASSES:
        return car, VEHICLE_CLASSES[class_id]
    return car, str(class_id) if class_id is not None else car


def _laps(f: Fields, events: list[Any], path: str) -> dict[int, list[Lap]]:
    """Lap events by participant: Lap counts from 0; CountThisLapTimes 0 is an invalid lap."""
    laps: dict[int, list[Lap]] = defaultdict(list)
    for i, event in enumerate(events):
        if not isinstance(event, dict) or event.get("event_name") != "Lap":
            continue
        where = f"{path}.events[{i}]"
        participant = f.integer(event, "participantid", where)
        attributes = f.object(event, "attributes", where)
        if participant is None or attributes is None:
            continue
        at = f"{where}.attributes"
        number = f.integer(attributes, "Lap", at)
        if number is None or number < 0:
            continue
        laps[participant].append(Lap(
            number=number + 1,
            time_seconds=_seconds(_number(f, attributes, "LapTime", at)),
            sectors=tuple(_seconds(_number(f, attributes, f"Sector{n}Time", at))
                          for n in (1, 2, 3)),
            valid=_number(f, attributes, "CountThisLapTimes", at) != 0,
            source=SourceRef(f.file, line_of(event)),
        ))
    return laps


@dataclass(frozen=True)
class _Weekend:
    """What the stages of one history entry share: server, track, forced class, members."""

    server: str
    track: str
    class_id: int | None
    members: dict[str, Any]


def _session(f: Fields, weekend: _Weekend, key: str, stage: Any, path: str
             ) -> TimingSession | None:
    match = _STAGE.match(key)
    kind = STAGE_KINDS.get(match.group(1)) if match else None
    if kind is None:
        f.problem(stage, path, "a stage named practice, qualifying, warmup or race (race2 ...)",
                  key)
        return None
    results = _entries(stage.get("results"))
    if not results:
        return None
    laps = _laps(f, _entries(stage.get("events")), path)
    steam = {ref: f.text(m, "steamid", "members", default="")
             for ref, m in weekend.members.items() if isinstance(m, dict)}
    cars = []
    for i, raw in enumerate(results):
        where = f"{path}.results[{i}]"
        attributes = f.object(raw, "attributes", where)
        name = " ".join(f.text(raw, "name", where, default="").split())
        participant = _number(f, raw, "participantid", where)
        if attributes is None:
            continue
        at = f"{where}.attributes"
        vehicle_id = _number(f, attributes, "VehicleId", at)
        car, class_code = _vehicle(vehicle_id, weekend.class_id)
        state = f.text(attributes, "State", at, default="")
        total = _number(f, attributes, "TotalTime", at)
        refid = _number(f, raw, "refid", where)
        car_laps = tuple(laps.get(participant, [])) if participant is not None else ()
        cars.append(TimedCar(
            number="",  # the server numbers no car
            class_code=class_code,
            vehicle=car,
            drivers=(TimedDriver(name=name, source_id=steam.get(str(refid)) or None),)
            if name else (),
            laps=car_laps,
            stated_status=_status(state),
            stated_position=f.integer(attributes, "RacePosition", at),
            stated_laps=f.integer(attributes, "Lap", at),
            stated_total_seconds=_seconds(total) if kind is SessionKind.RACE else None,
            stated_best_lap_seconds=_seconds(_number(f, attributes, "FastestLapTime", at)),
            status_reason=state if state and state != FINISHED else "",
            source=SourceRef(f.file, line_of(raw)),
        ))
    return TimingSession(
        kind=kind, name=key, source_format=SOURCE_FORMAT, event=weekend.server,
        track=weekend.track, date=_date(_number(f, stage, "start_time", path)),
        cars=tuple(cars), source=SourceRef(f.file, line_of(stage)),
    )


def parse_ams2_sessions(data: bytes, file: str) -> tuple[TimingSession, ...]:
    """Every stage with results, oldest first; InputError lists every problem."""
    text = _COMMENT.sub("", decode_json_bytes(data, file))  # lines kept, so problems locate
    doc = load_json(text, file)
    if not isinstance(doc, JsonObject):
        raise InputError([Problem(file, 1, "$", "a JSON object", show_found(type(doc).__name__))])
    f = Fields(file)
    stats = f.object(doc, "stats", "$")
    server = stats.get("server") if stats is not None else None
    sessions: list[tuple[int, TimingSession]] = []
    for i, entry in enumerate(_entries(stats.get("history")) if stats is not None else []):
        path = f"stats.history[{i}]"
        if not isinstance(entry, dict):
            f.problem(doc, path, "an object", entry)
            continue
        setup = entry.get("setup") if isinstance(entry.get("setup"), dict) else {}
        track_id = _number(f, setup, "TrackId", f"{path}.setup")
        members = entry.get("members")
        weekend = _Weekend(
            server=f.text(server, "name", "stats.server", default="")
            if isinstance(server, dict) else "",
            track=TRACKS.get(track_id, str(track_id)) if track_id is not None else "",
            class_id=_number(f, setup, "VehicleClassId", f"{path}.setup"),
            members=members if isinstance(members, dict) else {},
        )
        stages = entry.get("stages")
        for key, stage in stages.items() if isinstance(stages, dict) else ():
            if not isinstance(stage, dict):
                continue
            where = f"{path}.stages.{key}"
            session = _session(f, weekend, key, stage, where)
            if session is not None:
                sessions.append((_number(f, stage, "start_time", where) or 0, session))
    if not sessions and not f.problems:
        f.problem(doc, "$.stats.history", "at least one session with results", "none")
    f.raise_if_any()
    return tuple(s for _, s in sorted(sessions, key=lambda pair: pair[0]))
