"""Who drove how long: stints, driving time per driver and pit stops, from a car's laps."""

from __future__ import annotations

from collections.abc import Sequence

from pitboard.domain.classification import DriverTime
from pitboard.domain.timing import Lap


def driver_times(
    laps: Sequence[Lap], min_seconds: float | None = None
) -> tuple[DriverTime, ...]:
    """Driving time, laps and stints of each driver, in the order they first drove.

    A stint is a run of laps by one driver that a pit stop or a driver change ends. Driving time is
    the sum of the driver's lap times, so it includes the pit lane time of in- and out-laps, as
    the ACO counts it. A driver under `min_seconds` is marked as not scoring.
    """
    seconds: dict[str, float] = {}
    lap_counts: dict[str, int] = {}
    stints: dict[str, int] = {}
    previous: str | None = None
    stint_open = False
    for lap in laps:
        name = lap.driver
        if name is None:
            continue
        if name != previous or not stint_open:
            stints[name] = stints.get(name, 0) + 1
        seconds[name] = seconds.get(name, 0.0) + (lap.time_seconds or 0.0)
        lap_counts[name] = lap_counts.get(name, 0) + 1
        previous, stint_open = name, not lap.pit_in
    return tuple(
        DriverTime(
            name=name,
            seconds=round(total, 3),
            laps=lap_counts[name],
            stints=stints[name],
            scores=min_seconds is None or total >= min_seconds,
        )
        for name, total in seconds.items()
    )


def pit_stops(laps: Sequence[Lap]) -> tuple[int, float | None]:
    """How many times the car came into the pit lane, and the pit lane time the source states.

    A final lap ending in the pit lane (retiring into the garage) counts as a stop too. The time
    is None when the car stopped but the source times none of its stops (sim results): unknown,
    not a measured zero.
    """
    count = sum(1 for lap in laps if lap.pit_in)
    stated = [lap.pit_time_seconds for lap in laps if lap.pit_time_seconds is not None]
    if count and not stated:
        return count, None
    return count, round(sum(stated), 3)
