"""Read an Assetto Corsa Competizione server results file (JSON) into a TimingSession.

The server writes UTF-16LE without a byte order mark; UTF-8 and UTF-16 with a mark are accepted
too. Times are in milliseconds. The file gives no crossing times (lap times do not add up to the
total: the first laps hold the start procedure), so laps carry no session clock and the car's
totalTime is its stated total. totalTime already holds the post-race time penalties (in the
40-car Silverstone race, #20's totalTime is 80 s above what its laps and driverTotalTimes give),
so they are taken out of the stated total and given as penalty_seconds, like every other sim
reader. The leaderboard order is kept only as the game's stated position.
"""

from __future__ import annotations

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
    CUP_CATEGORIES,
    DISQUALIFIED,
    MISSED_PIT_STOP,
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


def _seconds(ms: int | None) -> float | None:
    """ACC writes every time as whole milliseconds (2^31 - 1 for none), never as a clock, so
    it is counted here rather than read by `parse_duration`."""
    if ms is None or ms == NO_TIME_MS or ms < 0:
        return None
    return ms / 1000


def _driver(f: Fields, raw: Any, path: str) -> TimedDriver | None:
    first = f.text(raw, "firstName", path, default="")
    last = f.text(raw, "lastName", path, default="")
    name = " ".join(part for part in (first, last) if part)
    name = name or f.text(raw, "shortName", path, default="")
    if not name:
        f.problem(raw, f"{path}.firstName", "a driver name (firstName, lastName or shortName)", "")
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
            if kind not in PENALTY_VALUE_IS_SECONDS:
                known = ", ".join(PENALTY_VALUE_IS_SECONDS)
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
    by_car: dict[int, list[tuple[str, Any]]] = defaultdict(list)
    for i, raw in enumerate(f.items(doc, "laps", "$")):
        car_id = f.integer(raw, "carId", f"laps[{i}]")
        if car_id is not None:
            by_car[car_id].append((f"laps[{i}]", raw))
    return by_car


def _laps(
    f: Fields, raw_laps: list[tuple[str, Any]], drivers: list[TimedDriver], file: str
) -> tuple[Lap, ...]:
    laps: list[Lap] = []
    for number, (path, raw) in enumerate(raw_laps, start=1):
        time_ms = f.integer(raw, "laptime", path)
        index = f.integer(raw, "driverIndex", path)
        valid = f.flag(raw, "isValidForBest", path)
        splits = [s if isinstance(s, int) else None for s in f.items(raw, "splits", path)]
        for k, split in enumerate(splits):
            if split is not None and abs(split) >= LARGEST:  # would not fit a float in seconds
                f.problem(raw, f"{path}.splits[{k}]", "a whole number of at most 64 bits", split)
                splits[k] = None
        driver = None
        if index is not None:
            if 0 <= index < len(drivers):
                driver = drivers[index].name
            else:
                f.problem(raw, f"{path}.driverIndex", f"0 to {len(drivers) - 1}", index)
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
    is_race: bool
    laps_by_car: dict[int, list[tuple[str, Any]]]
    penalties: dict[int, list[StatedPenalty]]


def _car(ctx: _Context, line: Any, position: int) -> tuple[int, TimedCar] | None:
    """One leaderboard line as a car; its position is the game's, as written."""
    f = ctx.f
    path = f"sessionResult.leaderBoardLines[{position - 1}]"
    car = f.object(line, "car", path)
    timing = f.object(line, "timing", path)
    if car is None or timing is None:
        return None
    car_path, timing_path = f"{path}.car", f"{path}.timing"
    car_id = f.integer(car, "carId", car_path)
    number = f.integer(car, "raceNumber", car_path)
    model_id = f.integer(car, "carModel", car_path)
    cup = f.integer(car, "cupCategory", car_path) if "cupCategory" in car else None
    drivers = [
        d
        for i, raw in enumerate(f.items(car, "drivers", car_path))
        if (d := _driver(f, raw, f"{car_path}.drivers[{i}]")) is not None
    ]
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
        laps=_laps(f, ctx.laps_by_car.get(car_id, []), drivers, ctx.file),
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


def parse_acc(data: bytes, file: str) -> TimingSession:
    """Parse the bytes of an ACC results file; raise InputError listing every problem."""
    doc = load_json(decode_json_bytes(data, file), file)
    f = Fields(file)
    if not isinstance(doc, JsonObject):
        raise InputError([Problem(file, 1, "$", "a JSON object", show_found(type(doc).__name__))])
    session_type = f.text(doc, "sessionType", "$")
    kind_name = SESSION_KINDS.get(session_type)
    if kind_name is None and session_type:
        f.problem(doc, "$.sessionType", f"one of {', '.join(SESSION_KINDS)}", session_type)
    result = f.object(doc, "sessionResult", "$")
    lines = f.items(result, "leaderBoardLines", "sessionResult") if result is not None else []
    laps_by_car = _laps_by_car(f, doc)
    penalties = _penalties(f, doc, file)
    ctx = _Context(
        f=f,
        file=file,
        is_race=kind_name is not None and kind_name[0] is SessionKind.RACE,
        laps_by_car=laps_by_car,
        penalties=penalties,
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
                f"sessionResult.leaderBoardLines[{position - 1}].car.carId",
                "a car not already on the leaderboard",
                car_id,
            )
            continue
        seen.add(car_id)
        cars.append(timed_car)
    for car_id, raw_laps in laps_by_car.items():
        if car_id not in seen:
            path, raw = raw_laps[0]
            f.problem(raw, f"{path}.carId", "a carId listed in leaderBoardLines", car_id)
    for car_id, car_penalties in penalties.items():
        if car_id not in seen:
            where = car_penalties[0].source
            line = where.line if where is not None else None
            f.problems.append(
                Problem(file, line, "penalties.carId", "a carId in leaderBoardLines", str(car_id))
            )
    f.raise_if_any()
    kind, name = kind_name or (SessionKind.RACE, "")
    return TimingSession(
        kind=kind,
        name=name,
        source_format=SOURCE_FORMAT,
        event=f.text(doc, "serverName", "$", default=""),
        track=f.text(doc, "trackName", "$"),
        cars=tuple(cars),
        source=SourceRef(file),
    )
