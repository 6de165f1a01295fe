"""Read an iRacing results file (the JSON of /data/results/get) into TimingSessions.

One file holds every session of a subsession (practice, qualifying, race), each with its own
results. Positions are 0-based and times are in 1/10,000 s. The file has no lap-by-lap data, so
cars carry what iRacing states: position, laps completed, best lap, reason out, and `interval`,
the gap to the session winner (0 for the winner, -1 for a car a lap or more down). A race states
no totals: the winner's is its average_lap times its laps (the subsession's event_average_lap is
that same average), and a car on the winner's lap finished its interval later. Other cars'
average_lap does not add up to their interval, so it is not used.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pitboard.domain import InputError, Problem, SourceRef
from pitboard.domain.problems import show_found
from pitboard.domain.timing import SessionKind, TimedCar, TimedDriver, TimingSession
from pitboard.formats.iracing.codes import NO_TIME, REASONS_OUT, SESSION_KINDS, TICKS_PER_SECOND
from pitboard.formats.jsondoc import (
    Fields,
    JsonObject,
    decode_json_bytes,
    line_of,
    load_json,
)

SOURCE_FORMAT = "iracing-json"


def _seconds(ticks: int | None) -> float | None:
    """iRacing counts ten-thousandths of a second (-1 or 0 for none), never a clock, so it is
    counted here rather than read by `parse_duration`."""
    return None if ticks is None or ticks <= NO_TIME or ticks == 0 else ticks / TICKS_PER_SECOND


def _classes(f: Fields, doc: Any) -> dict[int, str]:
    """car_class_id -> the class name (short names can be ambiguous: "Porsche 911")."""
    classes: dict[int, str] = {}
    for i, raw in enumerate(f.items(doc, "car_classes", "$") if "car_classes" in doc else []):
        path = f"car_classes[{i}]"
        class_id = f.integer(raw, "car_class_id", path)
        name = f.text(raw, "name", path)
        if class_id is not None and name:
            classes[class_id] = name
    return classes


def _driver(f: Fields, raw: Any, path: str) -> TimedDriver | None:
    """A driver; None for one named nobody (an empty slot of a team), never a driver ""."""
    cust_id = f.integer(raw, "cust_id", path)
    name = f.text(raw, "display_name", path)
    if not name:
        return None
    return TimedDriver(name=name, source_id=str(cust_id) if cust_id is not None else None)


def _car(f: Fields, raw: Any, path: str, classes: dict[int, str]) -> TimedCar | None:
    livery = f.object(raw, "livery", path)
    number = f.text(livery, "car_number", f"{path}.livery") if livery is not None else ""
    class_id = f.integer(raw, "car_class_id", path)
    class_code = f.text(raw, "car_class_name", path, default="") or (
        classes.get(class_id, "") if class_id is not None else ""
    )
    if class_id is not None and not class_code:
        f.problem(raw, f"{path}.car_class_id", "a class listed in car_classes", class_id)
    position = f.integer(raw, "finish_position", path)
    reason = f.text(raw, "reason_out", path)
    status = REASONS_OUT.get(reason)
    if reason and status is None:
        f.problem(raw, f"{path}.reason_out", f"one of {', '.join(REASONS_OUT)}", reason)
    if "driver_results" in raw:  # a team entry: the team's line, then each driver's own
        team = f.text(raw, "display_name", path)
        drivers = [
            driver for i, d in enumerate(f.items(raw, "driver_results", path))
            if (driver := _driver(f, d, f"{path}.driver_results[{i}]")) is not None
        ]
    else:
        driver = _driver(f, raw, path)
        team, drivers = "", [driver] if driver is not None else []
    laps = f.integer(raw, "laps_complete", path)
    best = f.integer(raw, "best_lap_time", path)
    best_lap = f.integer(raw, "best_lap_num", path) if "best_lap_num" in raw else None
    interval = f.integer(raw, "interval", path) if "interval" in raw else None
    average = f.integer(raw, "average_lap", path) if "average_lap" in raw else None
    # -1: a lap or more down, so no gap in time
    gap = interval / TICKS_PER_SECOND if interval is not None and interval >= 0 else None
    winner_total = average * laps if interval == 0 and average and laps else None
    if not number or not class_code or position is None:
        return None
    return TimedCar(
        number=number,
        class_code=class_code,
        team=team,
        vehicle=f.text(raw, "car_name", path, default=""),
        drivers=tuple(drivers),
        stated_status=status,
        stated_position=position + 1,  # iRacing counts from 0
        stated_laps=laps,
        stated_total_seconds=_seconds(winner_total),
        stated_gap_seconds=gap,
        stated_best_lap_seconds=_seconds(best),
        stated_best_lap_number=(  # -1: no timed lap
            best_lap if best_lap is not None and best_lap >= 0 and _seconds(best) else None),
        status_reason="" if reason == "Running" else reason,
        source=SourceRef(f.file, line_of(raw)),
    )


def _totals_from_winner(cars: list[TimedCar]) -> list[TimedCar]:
    """Each car on the winner's lap finished its stated interval after the winner's total."""
    winner = next((c for c in cars if c.stated_total_seconds is not None), None)
    if winner is None or winner.stated_total_seconds is None:
        return cars
    total = winner.stated_total_seconds
    return [
        car.model_copy(update={"stated_total_seconds": round(total + car.stated_gap_seconds, 4)})
        if car.stated_gap_seconds is not None and car.stated_laps == winner.stated_laps
        else car
        for car in cars
    ]


def _date(f: Fields, doc: Any) -> dt.date | None:
    text = f.text(doc, "start_time", "$", default="")
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        f.problem(doc, "$.start_time", "an ISO date-time like 2021-01-08T19:00:12Z", text)
        return None


def _track(f: Fields, doc: Any) -> str:
    track = f.object(doc, "track", "$") if "track" in doc else None
    if track is None:
        return ""
    name = f.text(track, "track_name", "track")
    config = f.text(track, "config_name", "track", default="")
    return f"{name} - {config}" if config and config != "N/A" else name


def parse_iracing_sessions(data: bytes, file: str) -> tuple[TimingSession, ...]:
    """Every session of the subsession, in the order they were run; InputError lists problems."""
    doc = load_json(decode_json_bytes(data, file), file)
    if isinstance(doc, JsonObject) and "session_results" not in doc and "data" in doc:
        doc = doc["data"]  # saved with the API's envelope
    if not isinstance(doc, JsonObject):
        raise InputError([Problem(file, 1, "$", "a JSON object", show_found(type(doc).__name__))])
    f = Fields(file)
    classes = _classes(f, doc)
    date, track = _date(f, doc), _track(f, doc)
    event = next(
        (
            doc[k]
            for k in ("league_name", "session_name", "series_name")
            if isinstance(doc.get(k), str) and doc[k].strip()
        ),
        "",
    )
    sessions: list[tuple[int, TimingSession]] = []
    for i, raw in enumerate(f.items(doc, "session_results", "$")):
        path = f"session_results[{i}]"
        number = f.integer(raw, "simsession_number", path)
        type_id = f.integer(raw, "simsession_type", path)
        kind = SESSION_KINDS.get(type_id) if type_id is not None else None
        if type_id is not None and kind is None:
            known = ", ".join(str(k) for k in SESSION_KINDS)
            f.problem(raw, f"{path}.simsession_type", f"one of {known}", type_id)
        cars = [
            car
            for j, result in enumerate(f.items(raw, "results", path))
            if (car := _car(f, result, f"{path}.results[{j}]", classes)) is not None
        ]
        if kind is None or number is None:
            continue
        if kind is SessionKind.RACE:
            cars = _totals_from_winner(cars)
        session = TimingSession(
            kind=kind,
            name=f.text(raw, "simsession_name", path, default="") or kind.value,
            source_format=SOURCE_FORMAT,
            event=event.strip(),
            track=track,
            date=date,
            cars=tuple(sorted(cars, key=lambda c: c.stated_position or 0)),
            source=SourceRef(file, line_of(raw)),
        )
        sessions.append((number, session))
    if not sessions and not f.problems:
        f.problem(doc, "$.session_results", "at least one session", "none")
    f.raise_if_any()
    return tuple(s for _, s in sorted(sessions, key=lambda pair: pair[0]))


def parse_iracing(data: bytes, file: str) -> TimingSession:
    """The main session: the last one run (simsession_number 0, the race of an event)."""
    return parse_iracing_sessions(data, file)[-1]
