"""What the race charts show, computed from a timed session: positions and gaps by lap, pace.

Pure functions of the TimingSession; the charts only draw what these return.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pitboard.domain.timing import TimedCar, TimingSession


def car_labels(cars: Sequence[TimedCar]) -> list[str]:
    """How each car is named on a chart: number and team ("#8 Toyota Gazoo Racing"); where
    two cars would read the same (sim cars share numbers and teams), number and drivers."""

    def label(car: TimedCar, by_drivers: bool) -> str:
        who = car.team
        if by_drivers or not who:
            who = " / ".join(d.name for d in car.drivers)
        return f"#{car.number} {who}".strip() if car.number else who

    plain = [label(car, by_drivers=False) for car in cars]
    seen = Counter(plain)
    return [label(car, by_drivers=True) if seen[text] > 1 else text
            for car, text in zip(cars, plain, strict=True)]


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

    number: str
    label: str
    class_code: str
    values: dict[int, float]


def positions_by_lap(session: TimingSession, class_code: str | None = None) -> list[CarTrace]:
    """Each car's place at the end of every lap: cars on the same lap ordered by their clock.

    With a class, places are counted within the class. Cars are told apart by their place in
    the session, not their number: sim numbers repeat, and some games number no car.
    """
    cars = [c for c in session.cars if class_code is None or c.class_code == class_code]
    crossings = [crossing_times(c) for c in cars]
    last = max((max(t, default=0) for t in crossings), default=0)
    places: list[dict[int, float]] = [{} for _ in cars]
    for lap in range(1, last + 1):
        on_lap = sorted((t[lap], i) for i, t in enumerate(crossings) if lap in t)
        for place, (_, i) in enumerate(on_lap, start=1):
            places[i][lap] = place
    return [CarTrace(c.number, label, c.class_code, p)
            for c, label, p in zip(cars, car_labels(cars), places, strict=True)]


def gaps_by_lap(session: TimingSession, class_code: str | None = None) -> list[CarTrace]:
    """Seconds behind the leader of the class (or of the race) at the end of each lap."""
    cars = [c for c in session.cars if class_code is None or c.class_code == class_code]
    crossings = [crossing_times(c) for c in cars]
    first_at: dict[int, float] = {}
    for times in crossings:
        for lap, clock in times.items():
            first_at[lap] = min(clock, first_at.get(lap, clock))
    return [
        CarTrace(
            c.number, label, c.class_code,
            {lap: clock - first_at[lap] for lap, clock in times.items()},
        )
        for c, label, times in zip(cars, car_labels(cars), crossings, strict=True)
    ]


@dataclass(frozen=True)
class Pace:
    """A car's racing laps (no pit laps, no invalid laps, no out-laps) and their spread."""

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


def class_pace(session: TimingSession, class_code: str) -> list[Pace]:
    """Each car's racing laps in a class, fastest median first."""
    paces = []
    cars = [car for car in session.cars if car.class_code == class_code]
    for car, label in zip(cars, car_labels(cars), strict=True):
        laps = sorted(car.laps, key=lambda x: x.number)
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
        paces.append(Pace(car.number, label, car.class_code, racing))
    return sorted(paces, key=lambda p: p.median)


def session_classes(session: TimingSession) -> list[str]:
    return list(dict.fromkeys(c.class_code for c in session.cars))
