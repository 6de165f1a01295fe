"""Who drove how long: stints, driving time per driver and pit stops, from a car's laps."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pitboard.domain.classification import DriverTime, Stint
from pitboard.domain.timing import Lap


def _driven_laps(laps: Sequence[Lap]) -> Iterator[tuple[Lap, str, bool]]:
    """Each lap with a driver, its driver, and whether it starts a stint: a stint is a run of
    laps by one driver that a pit stop or a driver change ends."""
    previous: str | None = None
    stint_open = False
    for lap in laps:
        name = lap.driver
        if name is None:
            continue
        yield lap, name, name != previous or not stint_open
        previous, stint_open = name, not lap.pit_in


def stints(laps: Sequence[Lap]) -> tuple[Stint, ...]:
    """The car's stints in order, each with its laps, time, best lap and the pit stop that
    ends it (the pit lane time the source carries on the next out-lap)."""
    runs: list[list[Lap]] = []
    drivers: list[str] = []
    for lap, name, starts in _driven_laps(laps):
        if starts:
            runs.append([])
            drivers.append(name)
        runs[-1].append(lap)
    out = []
    for i, (run, name) in enumerate(zip(runs, drivers, strict=True)):
        timed = [lap.time_seconds for lap in run if lap.time_seconds is not None]
        best = [lap.time_seconds for lap in run if lap.time_seconds is not None and lap.valid]
        following = runs[i + 1][0] if i + 1 < len(runs) else None
        out.append(Stint(
            number=i + 1, driver=name, first_lap=run[0].number, last_lap=run[-1].number,
            laps=len(run), seconds=round(sum(timed), 3), best_lap_seconds=min(best, default=None),
            started_seconds=_started(run[0]), ended_seconds=run[-1].elapsed_seconds,
            pit_in=run[-1].pit_in,
            pit_seconds=following.pit_time_seconds if following is not None else None,
        ))
    return tuple(out)


def _started(lap: Lap) -> float | None:
    """The session clock when a lap began: its end less its time."""
    if lap.elapsed_seconds is None or lap.time_seconds is None:
        return None
    return round(lap.elapsed_seconds - lap.time_seconds, 3)


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
    stint_counts: dict[str, int] = {}
    for lap, name, starts in _driven_laps(laps):
        if starts:
            stint_counts[name] = stint_counts.get(name, 0) + 1
        seconds[name] = seconds.get(name, 0.0) + (lap.time_seconds or 0.0)
        lap_counts[name] = lap_counts.get(name, 0) + 1
    return tuple(
        DriverTime(
            name=name,
            seconds=round(total, 3),
            laps=lap_counts[name],
            stints=stint_counts[name],
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
