"""What a race page shows, computed from a timed session: each car by its identity, its place
and gap on every lap and at every hour, its pace, stints and pit stops.

Sim leagues give several cars one number (three Sebring cars are #01), so a car is known by a
key that is unique in its session, never by its number alone. Pure functions of the session
and of the race's result lines; the charts and tables only draw what these return.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pitboard.domain import ResultLine
from pitboard.domain.classification import Stint
from pitboard.domain.timing import TimedCar, TimingSession
from pitboard.engine.driving import stints


@dataclass(frozen=True)
class RaceCar:
    """A timed car as the race page names it: `key` is unique in the session (the number, or
    `06-2` for the second car numbered 06), `label` is unique too (`#06 Griffin (Malek1th)`
    where two cars are `#06 Griffin`)."""

    key: str
    label: str
    car: TimedCar
    line: ResultLine | None = None  # its line in the race's results, where one matches

    @property
    def number(self) -> str:
        return self.car.number

    @property
    def class_code(self) -> str:
        return self.car.class_code

    @property
    def place(self) -> str:
        """Its place in class as the results give it, or its status (DNF, NC ...)."""
        if self.line is None:
            return ""
        if self.line.status.is_classified and self.line.order is not None:
            return str(self.line.order)
        return "Ret" if self.line.status.value == "DNF" else self.line.status.value


def car_label(car: TimedCar) -> str:
    return f"#{car.number} {car.team}".strip()


def race_cars(session: TimingSession, results: Sequence[ResultLine] = ()) -> list[RaceCar]:
    """The session's cars, each matched to its result line, in the order of the results
    (class by class as the lines come, classified cars by place); cars no line names follow,
    most laps first."""
    counts = Counter(car.number for car in session.cars)
    seen: Counter[str] = Counter()
    labels = Counter(car_label(car) for car in session.cars)
    keyed = []
    for car in session.cars:
        seen[car.number] += 1
        key = car.number if counts[car.number] == 1 else f"{car.number}-{seen[car.number]}"
        label = car_label(car)
        if labels[label] > 1:
            label += f" ({' / '.join(d.name for d in car.drivers) or key})"
        keyed.append(RaceCar(key, label, car))
    matched = {id(rc.car): line for line, rc in _pairs(results, keyed)}
    return sorted(
        (RaceCar(rc.key, rc.label, rc.car, matched.get(id(rc.car))) for rc in keyed),
        key=lambda rc: _result_order(rc, results),
    )


def _result_order(rc: RaceCar, results: Sequence[ResultLine]) -> tuple[int, int, int]:
    if rc.line is not None:
        index = next(i for i, line in enumerate(results) if line is rc.line)
        return (0, _line_rank(rc.line, results), index)
    return (1, -len(rc.car.laps), 0)


def _line_rank(line: ResultLine, results: Sequence[ResultLine]) -> int:
    """Classified cars by their place, then the others in the order given."""
    if line.status.is_classified and line.order is not None:
        return line.order
    return len(results) + next(i for i, x in enumerate(results) if x is line)


def _pairs(results: Sequence[ResultLine], cars: list[RaceCar]) -> list[tuple[ResultLine,
                                                                             RaceCar]]:
    """Each result line with its timed car: the same line of the same file where the line
    came from the timing file, else the car of its number (and drivers, where numbers repeat)."""
    pairs = []
    free = list(cars)
    for line in results:
        found = timed_car_of(line, free)
        if found is not None:
            pairs.append((line, found))
            free.remove(found)
    return pairs


def timed_car_of(line: ResultLine, cars: Sequence[RaceCar]) -> RaceCar | None:
    """The timed car a result line is about, or None."""
    if line.source is not None:
        for rc in cars:
            if rc.car.source == line.source:
                return rc
    same = [rc for rc in cars if rc.number == line.number and rc.class_code == line.class_code]
    if len(same) > 1:
        drivers = set(line.drivers)
        same = [rc for rc in same if drivers & {d.name for d in rc.car.drivers}] or same[:0]
    return same[0] if len(same) == 1 else None


def best_lap(car: TimedCar) -> float | None:
    """The car's fastest valid lap, or the best lap its source states where it has no laps."""
    times = [lap.time_seconds for lap in car.laps if lap.time_seconds is not None and lap.valid]
    return min(times) if times else car.stated_best_lap_seconds


def crossing_times(car: TimedCar) -> dict[int, float]:
    """Session clock at the end of each lap: the source's elapsed time, else the running sum."""
    times: dict[int, float] = {}
    running = 0.0
    for lap in sorted(car.laps, key=lambda x: x.number):
        if lap.time_seconds is not None:
            running += lap.time_seconds
        if lap.elapsed_seconds is not None:
            running = lap.elapsed_seconds
        elif lap.time_seconds is None:
            continue  # neither a clock nor a lap time: this lap cannot be placed
        times[lap.number] = running
    return times


@dataclass(frozen=True)
class CarTrace:
    """One car's line on a chart: a value per lap."""

    key: str
    number: str
    label: str
    class_code: str
    values: dict[int, float]


def _in_class(cars: Sequence[RaceCar], class_code: str | None) -> list[RaceCar]:
    return [rc for rc in cars if class_code is None or rc.class_code == class_code]


def positions_by_lap(session: TimingSession, class_code: str | None = None,
                     cars: Sequence[RaceCar] | None = None) -> list[CarTrace]:
    """Each car's place at the end of every lap: cars on the same lap ordered by their clock.

    With a class, places are counted within the class.
    """
    chosen = _in_class(race_cars(session) if cars is None else cars, class_code)
    crossings = {rc.key: crossing_times(rc.car) for rc in chosen}
    last = max((max(t, default=0) for t in crossings.values()), default=0)
    places: dict[str, dict[int, float]] = {rc.key: {} for rc in chosen}
    for lap in range(1, last + 1):
        on_lap = sorted((t[lap], key) for key, t in crossings.items() if lap in t)
        for place, (_, key) in enumerate(on_lap, start=1):
            places[key][lap] = place
    return [CarTrace(rc.key, rc.number, rc.label, rc.class_code, places[rc.key])
            for rc in chosen]


def gaps_by_lap(session: TimingSession, class_code: str | None = None,
                cars: Sequence[RaceCar] | None = None) -> list[CarTrace]:
    """Seconds behind the leader of the class (or of the race) at the end of each lap."""
    chosen = _in_class(race_cars(session) if cars is None else cars, class_code)
    crossings = {rc.key: crossing_times(rc.car) for rc in chosen}
    first_at: dict[int, float] = {}
    for times in crossings.values():
        for lap, clock in times.items():
            first_at[lap] = min(clock, first_at.get(lap, clock))
    return [
        CarTrace(rc.key, rc.number, rc.label, rc.class_code,
                 {lap: clock - first_at[lap] for lap, clock in crossings[rc.key].items()})
        for rc in chosen
    ]


@dataclass(frozen=True)
class HourlyPlaces:
    """Each car's place in its class at the end of every hour of the race, and at the finish.

    A place is None once the car has stopped for good (its last lap ended before the hour).
    """

    hours: list[int]
    places: dict[str, list[int | None]]  # by car key, one per hour


def hourly_places(cars: Sequence[RaceCar]) -> HourlyPlaces:
    """Places at each full hour of the session clock among the cars given (a class): most
    laps completed by then first, then the earlier to complete its last one; a car whose last
    lap ended before the hour has stopped and has no place. Races under two hours have no
    hours to show."""
    crossings = {rc.key: sorted(crossing_times(rc.car).items()) for rc in cars}
    finish = max((t[-1][1] for t in crossings.values() if t), default=0.0)
    hours = list(range(1, int(finish // 3600) + 1)) if finish >= 2 * 3600 else []
    places: dict[str, list[int | None]] = {rc.key: [None] * len(hours) for rc in cars}
    for i, hour in enumerate(hours):
        clock = hour * 3600.0
        standing = []
        for key, times in crossings.items():
            done = [(lap, at) for lap, at in times if at <= clock]
            if times and times[-1][1] > clock:  # still running at the hour
                lap, at = done[-1] if done else (0, 0.0)
                standing.append((-lap, at, key))
        for place, (_, _, key) in enumerate(sorted(standing), start=1):
            places[key][i] = place
    return HourlyPlaces(hours, places)


@dataclass(frozen=True)
class DriverShare:
    """One driver's part of a car's race."""

    name: str
    laps: int
    seconds: float
    stints: int
    best_lap_seconds: float | None


@dataclass(frozen=True)
class CarStints:
    """A car's stints and pit stops, and each driver's share of it."""

    car: RaceCar
    stints: tuple[Stint, ...]

    @property
    def pit_stops(self) -> list[Stint]:
        """The stints that ended in the pit lane and were followed by another: the stops."""
        return [s for s in self.stints[:-1] if s.pit_in]

    @property
    def pit_seconds(self) -> float:
        return round(sum(s.pit_seconds or 0.0 for s in self.stints), 3)

    def drivers(self) -> list[DriverShare]:
        """Each driver's laps, time at the wheel, stints and best lap, in the order they
        first drove."""
        shares = []
        for name in dict.fromkeys(s.driver for s in self.stints):
            own = [s for s in self.stints if s.driver == name]
            bests = [s.best_lap_seconds for s in own if s.best_lap_seconds is not None]
            shares.append(DriverShare(name, sum(s.laps for s in own),
                                      round(sum(s.seconds for s in own), 3), len(own),
                                      min(bests, default=None)))
        return shares


def car_stints(cars: Sequence[RaceCar]) -> list[CarStints]:
    return [CarStints(rc, stints(sorted(rc.car.laps, key=lambda lap: lap.number)))
            for rc in cars]


@dataclass(frozen=True)
class Pace:
    """A car's racing laps (no pit laps, no invalid laps, no out-laps) and their spread."""

    key: str
    number: str
    label: str
    class_code: str
    times: list[float]

    @property
    def best(self) -> float:
        return min(self.times)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def quartiles(self) -> tuple[float, float, float]:
        if len(self.times) < 2:
            only = self.times[0]
            return only, only, only
        q1, q2, q3 = statistics.quantiles(self.times, n=4, method="inclusive")
        return q1, q2, q3


SLOW_LAP_SHARE = 1.15  # laps slower than this share of the car's best are cautions or traffic


def class_pace(session: TimingSession, class_code: str,
               cars: Sequence[RaceCar] | None = None) -> list[Pace]:
    """Each car's racing laps in a class, fastest median first."""
    paces = []
    for rc in _in_class(race_cars(session) if cars is None else cars, class_code):
        laps = sorted(rc.car.laps, key=lambda x: x.number)
        out_laps = {lap.number + 1 for lap in laps if lap.pit_in}
        times = [
            lap.time_seconds for lap in laps
            if lap.time_seconds is not None and lap.valid and not lap.pit_in
            and lap.pit_time_seconds is None and lap.number not in out_laps
            and lap.flag in {None, "GF", "G", "GREEN"}
        ]
        if not times:
            continue
        best = min(times)
        racing = [x for x in times if x <= best * SLOW_LAP_SHARE]
        paces.append(Pace(rc.key, rc.number, rc.label, rc.class_code, racing))
    return sorted(paces, key=lambda p: p.median)


def session_classes(session: TimingSession) -> list[str]:
    return list(dict.fromkeys(c.class_code for c in session.cars))
