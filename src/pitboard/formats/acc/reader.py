"""Read an Assetto Corsa Competizione results file (JSON) into a TimingSession.

Two layouts: the dedicated server's (`sessionType`, `trackName`, `sessionResult`) and the
game's own save of a session it ran (`sessionDef` with a numeric session type, `snapShot`),
with the same leaderboard lines and laps (`lapTime` and `driverId` in the save). The server
writes UTF-16LE without a byte order mark; UTF-8 and UTF-16 with a mark are accepted too. Times
are in milliseconds. The file gives no crossing times (lap times do not add up to the total: the
first laps hold the start procedure), so laps carry no session clock and the car's totalTime is
its stated total. totalTime already holds the post-race time penalties (in the 40-car
Silverstone race, #20's totalTime is 80 s above what its laps and driverTotalTimes give), so
they are taken out of the stated total and given as penalty_seconds, like every other sim
reader. The leaderboard order is kept only as the game's stated position.

What the leaderboard does not list is not in the result: laps and penalties of a car id that no
leaderboard line names (a car that left, as servers write them) are left out and the rest read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
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
from pitboard.formats.acc.codes import (
    CAR_MODELS,
    CLIENT_SESSION_KINDS,
    CUP_CATEGORIES,
    DISQUALIFIED,
    MISSED_PIT_STOP,
    NO_PENALTY,
    NO_TIME_MS,
    PENALTY_VALUE_IS_SECONDS,
    POST_RACE_TIME,
    SESSION_KINDS,
)
from pitboard.formats.jsondoc import (
    LARGEST,
    Fields,
    JsonObject,
    decode_json_bytes,
    line_of,
    load_json,
)

SOURCE_FORMAT = "acc-json"
CLIENT_SOURCE_FORMAT = "acc-client-json"
_SESSION_TYPE = re.compile(rf"^({'|'.join(SESSION_KINDS)})(\d*)$")


@dataclass(frozen=True)
class _Layout:
    """Where a file of one layout keeps what the reader needs."""

    source_format: str
    settings: str | None  # the object holding sessionType (None: the document itself)
    result: str  # the object holding leaderBoardLines
    lap_time: str
    lap_driver: str


SERVER = _Layout(SOURCE_FORMAT, None, "sessionResult", "laptime", "driverIndex")
CLIENT = _Layout(CLIENT_SOURCE_FORMAT, "sessionDef", "snapShot", "lapTime", "driverId")


def _seconds(ms: int | None) -> float | None:
    """ACC writes every time as whole milliseconds (2^31 - 1 for none), never as a clock, so
    it is counted here rather than read by `parse_duration`."""
    if ms is None or ms == NO_TIME_MS or ms < 0:
        return None
    return ms / 1000


def _driver(f: Fields, raw: Any, path: str) -> TimedDriver | None:
    """A driver of the car; None for a slot naming nobody (a swap the server left empty), which
    is no driver rather than one named ""."""
    first = f.text(raw, "firstName", path, default="")
    last = f.text(raw, "lastName", path, default="")
    name = " ".join(part for part in (first, last) if part)
    name = name or f.text(raw, "shortName", path, default="")
    if not name:
        return None
    player = f.text(raw, "playerId", path, default="")
    return TimedDriver(name=" ".join(name.split()), source_id=player or None)


def _penalties(f: Fields, doc: Any, file: str) -> dict[int, list[StatedPenalty]]:
    """Penalties by carId; newer servers list post-race ones in a separate array."""
    by_car: dict[int, list[StatedPenalty]] = defaultdict(list)
    for key in ("penalties", "post_race_penalties"):
        if key not in doc:
            continue
        for i, raw in enumerate(f.items(doc, key, "$")):
            path = f"{key}[{i}]"
            car_id = f.integer(raw, "carId", path)
            kind = f.text(raw, "penalty", path)
            value = f.integer(raw, "penaltyValue", path)
            cleared = f.integer(raw, "clearedInLap", path) if "clearedInLap" in raw else None
            if kind == NO_PENALTY:
                continue
            if kind not in PENALTY_VALUE_IS_SECONDS:
                known = ", ".join([*PENALTY_VALUE_IS_SECONDS, NO_PENALTY])
                f.problem(raw, f"{path}.penalty", f"an ACC penalty ({known})", kind)
                continue
            if car_id is None:
                continue
            is_time = PENALTY_VALUE_IS_SECONDS[kind]
            by_car[car_id].append(
                StatedPenalty(
                    kind=kind,
                    seconds=float(value) if is_time and value is not None else None,
                    lap=f.integer(raw, "violationInLap", path) if "violationInLap" in raw else None,
                    served=None if is_time or cleared is None else cleared > 0,
                    in_result=kind == POST_RACE_TIME,
                    reason=f.text(raw, "reason", path, default=""),
                    source=SourceRef(file, line_of(raw)),
                )
            )
    return by_car


def _laps_by_car(f: Fields, doc: Any) -> dict[int, list[tuple[str, Any]]]:
    """Laps by carId; a results file without a `laps` array has its leaderboard alone."""
    by_car: dict[int, list[tuple[str, Any]]] = defaultdict(list)
    for i, raw in enumerate(f.items(doc, "laps", "$") if "laps" in doc else []):
        car_id = f.integer(raw, "carId", f"laps[{i}]")
        if car_id is not None:
            by_car[car_id].append((f"laps[{i}]", raw))
    return by_car


def _laps(
    f: Fields, layout: _Layout, raw_laps: list[tuple[str, Any]],
    drivers: list[TimedDriver | None], file: str,
) -> tuple[Lap, ...]:
    """The car's laps in order; `drivers` are its driver slots, as lap driver indexes count."""
    laps: list[Lap] = []
    for number, (path, raw) in enumerate(raw_laps, start=1):
        time_ms = f.integer(raw, layout.lap_time, path)
        index = f.integer(raw, layout.lap_driver, path)
        valid = f.flag(raw, "isValidForBest", path)
        splits = [s if isinstance(s, int) else None for s in f.items(raw, "splits", path)]
        for k, split in enumerate(splits):
            if split is not None and abs(split) >= LARGEST:  # would not fit a float in seconds
                f.problem(raw, f"{path}.splits[{k}]", "a whole number of at most 64 bits", split)
                splits[k] = None
        driver = None
        if index is not None:
            if 0 <= index < len(drivers):
                slot = drivers[index]
                driver = slot.name if slot is not None else None
            else:
                f.problem(raw, f"{path}.{layout.lap_driver}", f"0 to {len(drivers) - 1}", index)
        laps.append(
            Lap(
                number=number,
                driver=driver,
                time_seconds=_seconds(time_ms),
                sectors=tuple(_seconds(s) for s in splits),
                valid=valid is not False,
                source=SourceRef(file, line_of(raw)),
            )
        )
    return tuple(laps)


@dataclass
class _Context:
    """What every leaderboard line needs from the rest of the file."""

    f: Fields
    file: str
    layout: _Layout
    is_race: bool
    laps_by_car: dict[int, list[tuple[str, Any]]]
    penalties: dict[int, list[StatedPenalty]]


def _car(ctx: _Context, line: Any, position: int) -> tuple[int, TimedCar] | None:
    """One leaderboard line as a car; its position is the game's, as written."""
    f = ctx.f
    path = f"{ctx.layout.result}.leaderBoardLines[{position - 1}]"
    car = f.object(line, "car", path)
    timing = f.object(line, "timing", path)
    if car is None or timing is None:
        return None
    car_path, timing_path = f"{path}.car", f"{path}.timing"
    car_id = f.integer(car, "carId", car_path)
    number = f.integer(car, "raceNumber", car_path)
    model_id = f.integer(car, "carModel", car_path)
    cup = f.integer(car, "cupCategory", car_path) if "cupCategory" in car else None
    slots = [_driver(f, raw, f"{car_path}.drivers[{i}]")
             for i, raw in enumerate(f.items(car, "drivers", car_path))]
    drivers = [d for d in slots if d is not None]
    lap_count = f.integer(timing, "lapCount", timing_path)
    total_ms = f.integer(timing, "totalTime", timing_path)
    best_ms = f.integer(timing, "bestLap", timing_path)
    missed = (
        f.integer(line, "missingMandatoryPitstop", path) if "missingMandatoryPitstop" in line else 0
    )
    model = CAR_MODELS.get(model_id) if model_id is not None else None
    if model_id is not None and model is None:
        f.problem(
            car, f"{car_path}.carModel", "an ACC car model id listed in acc/codes.py", model_id
        )
    if cup is not None and cup not in CUP_CATEGORIES:
        f.problem(car, f"{car_path}.cupCategory", "an ACC cup category 0-4", cup)
    if missed is not None and missed not in MISSED_PIT_STOP:
        f.problem(line, f"{path}.missingMandatoryPitstop", "-1, 0 or 1", missed)
    if car_id is None or number is None or model is None:
        return None
    car_penalties = ctx.penalties.get(car_id, [])
    disqualified = any(p.kind == DISQUALIFIED for p in car_penalties)
    added = sum(p.seconds or 0.0 for p in car_penalties if p.in_result)
    total = _seconds(total_ms) if ctx.is_race else None
    return car_id, TimedCar(
        number=str(number),
        class_code=model.class_code,
        group=CUP_CATEGORIES.get(cup, "") if cup is not None else "",
        team=f.text(car, "teamName", car_path, default=""),
        vehicle=model.name,
        manufacturer=model.manufacturer,
        drivers=tuple(drivers),
        laps=_laps(f, ctx.layout, ctx.laps_by_car.get(car_id, []), slots, ctx.file),
        stated_status=FinishStatus.DSQ if disqualified else None,
        stated_position=position,
        stated_laps=lap_count,
        stated_total_seconds=round(total - added, 3) if total is not None else None,
        stated_best_lap_seconds=_seconds(best_ms),
        penalty_seconds=added,
        stated_penalties=tuple(car_penalties),
        status_reason=MISSED_PIT_STOP.get(missed, "") if missed is not None else "",
        source=SourceRef(ctx.file, line_of(line)),
    )


def _session_kind(f: Fields, settings: Any, path: str) -> tuple[SessionKind, str] | None:
    """The session's kind and name: "R", "Q2", "FP" in server files, 0, 4, 10 in the game's
    saves. A number after the letters counts sessions of a kind in a weekend: "Race 2"."""
    if settings is None:
        return None
    if isinstance(settings.get("sessionType"), int | float):
        code = f.integer(settings, "sessionType", path)
        if code is not None and code in CLIENT_SESSION_KINDS:
            return CLIENT_SESSION_KINDS[code]
        known = ", ".join(str(k) for k in CLIENT_SESSION_KINDS)
        f.problem(settings, f"{path}.sessionType", f"one of {known}", code)
        return None
    session_type = f.text(settings, "sessionType", path)
    match = _SESSION_TYPE.match(session_type)
    if match is None:
        if session_type:
            known = ", ".join(SESSION_KINDS)
            f.problem(settings, f"{path}.sessionType", f"one of {known}, numbered or not (Q2)",
                      session_type)
        return None
    kind, name = SESSION_KINDS[match.group(1)]
    return kind, f"{name} {match.group(2)}" if match.group(2) else name


def parse_acc(data: bytes, file: str, layout: _Layout = SERVER) -> TimingSession:
    """Parse the bytes of an ACC results file; raise InputError listing every problem."""
    doc = load_json(decode_json_bytes(data, file), file)
    f = Fields(file)
    if not isinstance(doc, JsonObject):
        raise InputError([Problem(file, 1, "$", "a JSON object", show_found(type(doc).__name__))])
    settings = doc if layout.settings is None else f.object(doc, layout.settings, "$")
    kind_name = _session_kind(f, settings, layout.settings or "$")
    result = f.object(doc, layout.result, "$")
    lines = f.items(result, "leaderBoardLines", layout.result) if result is not None else []
    ctx = _Context(
        f=f,
        file=file,
        layout=layout,
        is_race=kind_name is not None and kind_name[0] is SessionKind.RACE,
        laps_by_car=_laps_by_car(f, doc),
        penalties=_penalties(f, doc, file),
    )
    cars: list[TimedCar] = []
    seen: set[int] = set()
    for position, line in enumerate(lines, start=1):
        built = _car(ctx, line, position)
        if built is None:
            continue
        car_id, timed_car = built
        if car_id in seen:
            f.problem(
                line,
                f"{layout.result}.leaderBoardLines[{position - 1}].car.carId",
                "a car not already on the leaderboard",
                car_id,
            )
            continue
        seen.add(car_id)
        cars.append(timed_car)
    f.raise_if_any()
    kind, name = kind_name or (SessionKind.RACE, "")
    return TimingSession(
        kind=kind,
        name=name,
        source_format=layout.source_format,
        event=f.text(settings, "serverName", "$", default="") if settings is not None else "",
        track=f.text(settings, "trackName", "$", default="") if settings is not None else "",
        cars=tuple(cars),
        source=SourceRef(file),
    )


def parse_acc_client(data: bytes, file: str) -> TimingSession:
    """Parse the game's own save of a session (`sessionDef`, `snapShot`)."""
    return parse_acc(data, file, CLIENT)
