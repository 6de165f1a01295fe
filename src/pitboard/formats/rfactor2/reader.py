"""Read rFactor 2 / Le Mans Ultimate results XML (`<rFactorXML>`) into TimingSessions.

A lap's `et` is the session clock when the lap STARTED, so the crossing that ends lap n is the
start of lap n + 1, and for the last lap the driver's FinishTime. In a race, FinishTime counts
from the start (the `et` of lap 1), so race laps carry that race clock as their elapsed time.
A time added for a penalty not served ("added N seconds to totalET") is inside FinishTime; it is
taken out of the stated total and given as penalty_seconds, like every other sim reader.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field

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
from pitboard.formats.rfactor2.codes import (
    FINISH_STATUSES,
    NO_LIMIT,
    NO_TIME,
    PENALTY_ADDED,
    PENALTY_RECEIVED,
    PENALTY_SERVED,
    SESSION_KINDS,
)
from pitboard.formats.rfactor2.xmltree import Node, decode_xml, parse_xml

SOURCE_FORMAT = "rfactor2-xml"
_SESSION_TAG = re.compile(rf"^({'|'.join(SESSION_KINDS)})\d*$")


def _finite(text: str) -> float:
    """`float(text)`, but `nan` and `inf` (which `float` reads) are no time or count either."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


class _Problems:
    def __init__(self, file: str) -> None:
        self.file = file
        self.list: list[Problem] = []

    def add(self, node: Node, name: str, expected: str, found: object) -> None:
        self.list.append(Problem(self.file, node.line, name, expected, show_found(found)))

    def number(self, node: Node, tag: str, *, required: bool = True) -> float | None:
        """A number in a child element; missing or a no-time mark gives None."""
        text = node.findtext(tag)
        if text is None or text in NO_TIME:
            if required and text is None:
                self.add(node, tag, "an element with a number", "no such element")
            return None
        try:
            return _finite(text)
        except ValueError:
            self.add(node.find(tag) or node, tag, "a number", text)
            return None

    def whole(self, node: Node, tag: str, *, required: bool = True) -> int | None:
        value = self.number(node, tag, required=required)
        if value is not None and not value.is_integer():
            self.add(node, tag, "a whole number", value)
            return None
        return int(value) if value is not None else None


def _attr_time(problems: _Problems, node: Node, name: str) -> float | None:
    """rFactor 2 writes times as plain seconds (`et="3605.5"`, `--.---` for none); a clock in
    its XML would be a damaged file, so `parse_duration`'s clock forms are not accepted here."""
    text = node.attrib.get(name)
    if text is None or text.strip() in NO_TIME:
        return None
    try:
        return _finite(text)
    except ValueError:
        problems.add(node, f"Lap {name}", "a time in seconds or --.---", text)
        return None


@dataclass
class _Penalties:
    """What the event stream says about one driver's penalties."""

    items: list[dict[str, object]] = field(default_factory=list)
    added_seconds: float = 0.0


def _stream_penalties(
    problems: _Problems, session: Node, names: list[str]
) -> dict[str, _Penalties]:
    by_name: dict[str, _Penalties] = {name: _Penalties() for name in names}
    stream = session.find("Stream")
    longest_first = sorted(names, key=len, reverse=True)
    for node in stream.findall("Penalty") if stream is not None else []:
        text = " ".join(node.text.split())
        name = next((n for n in longest_first if text.startswith(n + " ")), None)
        if name is None:
            problems.add(node, "Penalty", "a line naming a driver of this session", text)
            continue
        rest, record = text[len(name) + 1 :], by_name[name]
        where = SourceRef(problems.file, node.line)
        if match := PENALTY_RECEIVED.match(rest):
            seconds = match.group("seconds")
            record.items.append(
                {
                    "kind": match.group("kind"),
                    "seconds": float(seconds) if seconds else None,
                    "served": None,
                    "source": where,
                }
            )
        elif match := PENALTY_SERVED.match(rest):
            pending = [
                p for p in record.items if p["kind"] == match.group("kind") and not p["served"]
            ]
            if pending:
                pending[0]["served"] = True
        elif match := PENALTY_ADDED.match(rest):
            seconds = float(match.group("seconds"))
            record.added_seconds += seconds
            pending = [p for p in record.items if p["served"] is None]
            if pending:
                pending[0]["served"] = False
            record.items.append(
                {
                    "kind": "time added",
                    "seconds": seconds,
                    "served": None,
                    "in_result": True,
                    "reason": "finished before serving a penalty",
                    "source": where,
                }
            )
        else:  # kept as written rather than dropped: the stewards can read it
            record.items.append({"kind": "other", "reason": rest, "source": where})
    return by_name


def _driver_name(problems: _Problems, driver: Node) -> str:
    name = " ".join((driver.findtext("Name") or "").split())
    if not name:
        problems.add(driver, "Name", "the driver's name", "")
    return name


def _swaps(problems: _Problems, driver: Node, name: str) -> list[tuple[int, int, str]]:
    """Driver changes as (first lap, last lap, name); a car without swaps had one driver.

    Servers write a swap naming nobody (`<Swap startLap="1" endLap="8"></Swap>`) for a car
    whose driver left: it names no driver, so it is ignored and the car's own driver keeps
    those laps.
    """
    spans = []
    for swap in driver.findall("Swap"):
        try:
            span = (int(swap.attrib["startLap"]), int(swap.attrib["endLap"]),
                    " ".join(swap.text.split()))
        except (KeyError, ValueError):
            problems.add(swap, "Swap", "startLap and endLap lap numbers", swap.attrib)
            continue
        if span[2]:
            spans.append(span)
    return spans or [(0, NO_LIMIT, name)]


def _laps(
    problems: _Problems,
    driver: Node,
    swaps: list[tuple[int, int, str]],
    origin: float,
    finish: float | None,
) -> tuple[Lap, ...]:
    """Laps with the clock at each crossing: the next lap's start, or the finish for the last."""
    raw: list[tuple[Node, int, float | None, float | None]] = []
    for node in driver.findall("Lap"):
        try:
            number = int(node.attrib.get("num", ""))
        except ValueError:
            problems.add(node, "Lap num", "a lap number", node.attrib.get("num"))
            continue
        time = None if node.text.strip() in NO_TIME else _attr_text_time(problems, node)
        raw.append((node, number, _attr_time(problems, node, "et"), time))
    laps = []
    for i, (node, number, start, time) in enumerate(raw):
        following = raw[i + 1] if i + 1 < len(raw) else None
        if following is not None and following[1] == number + 1 and following[2] is not None:
            crossing: float | None = following[2]
        elif following is None and finish is not None:
            crossing = origin + finish
        else:
            crossing = start + time if start is not None and time is not None else None
        laps.append(
            Lap(
                number=number,
                driver=next((n for a, b, n in swaps if a <= number <= b), swaps[-1][2]),
                time_seconds=time,
                elapsed_seconds=round(crossing - origin, 4) if crossing is not None else None,
                sectors=tuple(
                    _attr_time(problems, node, s) for s in ("s1", "s2", "s3") if s in node.attrib
                ),
                pit_in=node.attrib.get("pit") == "1",
                source=SourceRef(problems.file, node.line),
            )
        )
    return tuple(laps)


def _attr_text_time(problems: _Problems, node: Node) -> float | None:
    """A lap's text: plain seconds, as `_attr_time` reads them."""
    try:
        return _finite(node.text)
    except ValueError:
        problems.add(node, "Lap", "a lap time in seconds or --.----", node.text.strip())
        return None


def _status(problems: _Problems, driver: Node) -> FinishStatus | None:
    text = driver.findtext("FinishStatus")
    if text is None:
        return None
    if text not in FINISH_STATUSES:
        problems.add(driver, "FinishStatus", f"one of {', '.join(FINISH_STATUSES)}", text)
        return None
    return FINISH_STATUSES[text]


def _car(
    problems: _Problems, driver: Node, origin: float, is_race: bool, penalties: _Penalties
) -> TimedCar | None:
    name = _driver_name(problems, driver)
    class_code = (driver.findtext("CarClass") or "").strip()
    if not class_code:
        problems.add(driver, "CarClass", "the car's class", "")
    position = problems.whole(driver, "Position")
    laps_done = problems.whole(driver, "Laps")
    finish = problems.number(driver, "FinishTime", required=False) if is_race else None
    best = problems.number(driver, "BestLapTime", required=False)
    status = _status(problems, driver)
    swaps = _swaps(problems, driver, name)
    road_finish = finish - penalties.added_seconds if finish is not None else None
    laps = _laps(problems, driver, swaps, origin, road_finish)
    if not name or not class_code:
        return None
    names = list(dict.fromkeys([*(n for _, _, n in swaps), name]))
    return TimedCar(
        number=(driver.findtext("CarNumber") or "").strip(),
        class_code=class_code,
        team=driver.findtext("TeamName") or "",
        vehicle=driver.findtext("VehName") or "",
        drivers=tuple(TimedDriver(name=n) for n in names),
        laps=laps,
        stated_status=status,
        stated_position=position,
        stated_laps=laps_done,
        stated_total_seconds=road_finish,
        stated_best_lap_seconds=best if best is not None and best > 0 else None,
        penalty_seconds=penalties.added_seconds,
        stated_penalties=tuple(StatedPenalty.model_validate(p) for p in penalties.items),
        status_reason=driver.findtext("DNFReason") or "",
        source=SourceRef(problems.file, driver.line),
    )


def _date(problems: _Problems, *nodes: Node) -> dt.date | None:
    for node in nodes:
        text = node.findtext("TimeString")
        if text:
            try:
                return dt.datetime.strptime(text, "%Y/%m/%d %H:%M:%S").date()
            except ValueError:
                problems.add(node, "TimeString", "a date like 2013/03/24 21:36:21", text)
    return None


def _schedule(
    problems: _Problems, results: Node, session: Node, kind: SessionKind
) -> tuple[float | None, int | None]:
    """Laps and minutes of the session; the race settings when the session does not say."""
    laps = problems.whole(session, "Laps", required=False)
    minutes = problems.number(session, "Minutes", required=False)
    if kind is SessionKind.RACE:
        if laps is None:
            laps = problems.whole(results, "RaceLaps", required=False)
        if minutes is None:
            minutes = problems.number(results, "RaceTime", required=False)
    seconds = minutes * 60 if minutes else None
    return seconds, laps if laps and laps != NO_LIMIT else None


def _session(problems: _Problems, results: Node, session: Node) -> TimingSession:
    kind = SESSION_KINDS[_SESSION_TAG.match(session.tag).group(1)]  # type: ignore[union-attr]
    is_race = kind is SessionKind.RACE
    drivers = session.findall("Driver")
    # The race clock starts when lap 1 starts; other sessions keep the session clock.
    starts = [
        t
        for d in drivers
        for lap in d.findall("Lap")
        if lap.attrib.get("num") == "1" and (t := _attr_time(problems, lap, "et")) is not None
    ]
    origin = min(starts) if is_race and starts else 0.0
    penalties = _stream_penalties(problems, session, [_driver_name(problems, d) for d in drivers])
    cars = [
        car
        for d in drivers
        if (
            car := _car(
                problems, d, origin, is_race, penalties.get(_driver_name(problems, d), _Penalties())
            )
        )
        is not None
    ]
    scheduled_seconds, scheduled_laps = _schedule(problems, results, session, kind)
    return TimingSession(
        kind=kind,
        name=session.tag,
        source_format=SOURCE_FORMAT,
        event=(results.findtext("Season") or results.findtext("ServerName") or ""),
        track=results.findtext("TrackVenue") or "",
        date=_date(problems, session, results),
        scheduled_seconds=scheduled_seconds,
        scheduled_laps=scheduled_laps,
        cars=tuple(cars),
        source=SourceRef(problems.file, session.line),
    )


def parse_rfactor2_sessions(data: bytes, file: str) -> tuple[TimingSession, ...]:
    """Every session of a results file, in file order; InputError lists every problem."""
    root = parse_xml(decode_xml(data, file), file)
    problems = _Problems(file)
    results = root.find("RaceResults")
    if root.tag != "rFactorXML" or results is None:
        found = root.tag if root.tag != "rFactorXML" else "no RaceResults"
        raise InputError(
            [Problem(file, root.line, "rFactorXML", "<rFactorXML><RaceResults>", found)]
        )
    sessions = [
        _session(problems, results, s)
        for s in results.children
        if _SESSION_TAG.match(s.tag) and s.find("Driver") is not None
    ]
    if not sessions:
        problems.add(
            results, "RaceResults", "a Race, Qualify or Practice session with drivers", "none"
        )
    if problems.list:
        # A driver's name is read twice (penalties, car): report each problem once.
        raise InputError(list(dict.fromkeys(problems.list)))
    return tuple(sessions)


def parse_rfactor2(data: bytes, file: str) -> TimingSession:
    """The file's last session: rFactor 2 writes one session per file, the main one last."""
    return parse_rfactor2_sessions(data, file)[-1]
