"""The chequered flag, on generated races with a lead change on the last lap.

The flag is shown to the leader, and the leader is whoever is ahead when crossing the line: the
first car to cross after the scheduled time on the lead lap, even one that was second when time
ran out. Every other car finishes at its next crossing. The expected result is worked out here by
replaying the race crossing by crossing, the way a timing screen sees it, and both engine paths
(Lap records and lap columns) must give it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import polars as pl
from hypothesis import assume, given, note, settings
from hypothesis import strategies as st

from pitboard.domain import FinishStatus
from pitboard.domain.lap_columns import LapColumns
from pitboard.domain.timing import Lap, SessionKind, TimedCar, TimedDriver, TimingSession
from pitboard.engine.classification import classify
from pitboard.engine.lap_columns import classify_lap_columns
from pitboard.rules import RuleSet

# Every car that takes the flag is classified, so the order shows the finish rule alone.
RULES = RuleSet(min_distance_share=Decimal(0))
lap_ms = st.integers(60_000, 90_000)


@dataclass(frozen=True)
class GeneratedRace:
    crossings: list[list[float]]  # each car's race clock at the end of each lap
    scheduled: float
    leader_at_time_out: int
    passed: bool  # the leader at time-out was passed on the last lap


@st.composite
def races(draw: st.DrawFn) -> GeneratedRace:
    """Cars of 3 to 10 laps (some retiring early), a scheduled time inside the race, and,
    where two cars share the lead lap when time runs out, the second one made to cross the line
    first on the next lap."""
    laps = draw(st.integers(3, 10))
    cars = draw(st.lists(st.lists(lap_ms, min_size=laps, max_size=laps), min_size=2,
                         max_size=6))
    retired = draw(st.lists(st.integers(1, laps), min_size=len(cars), max_size=len(cars)))
    cars = [times[:stop] if draw(st.integers(0, 4)) == 0 else times
            for times, stop in zip(cars, retired, strict=True)]
    clocks = [_clock(times) for times in cars]
    earliest = max(c[0] for c in clocks)
    latest = min(c[-2] for c in clocks if len(c) > 1) if any(len(c) > 1 for c in clocks) else 0
    assume(earliest < latest)
    scheduled = draw(st.integers(earliest, latest - 1))
    done = [sum(1 for t in c if t <= scheduled) for c in clocks]
    lead_laps = max(done)
    on_lead_lap = sorted((c[lead_laps - 1], i) for i, c in enumerate(clocks)
                         if done[i] == lead_laps)
    leader = on_lead_lap[0][1]
    chasers = [i for _, i in on_lead_lap[1:] if len(cars[i]) > lead_laps]
    passed = bool(chasers) and len(cars[leader]) > lead_laps and draw(st.booleans())
    if passed:
        chaser = draw(st.sampled_from(chasers))
        # its next crossing: after time has run out, before the leader's
        start = clocks[chaser][lead_laps - 1]
        fastest, slowest = scheduled - start + 1, clocks[leader][lead_laps] - start - 1
        assume(fastest <= slowest)
        cars[chaser][lead_laps] = draw(st.integers(fastest, slowest))
    return GeneratedRace([[ms / 1000 for ms in _clock(t)] for t in cars], scheduled / 1000,
                         leader, passed)


def _clock(times: list[int]) -> list[int]:
    total, clock = 0, []
    for ms in times:
        total += ms
        clock.append(total)
    return clock


def _session(race: GeneratedRace) -> TimingSession:
    cars = []
    for i, crossings in enumerate(race.crossings):
        starts = [0.0, *crossings[:-1]]
        cars.append(TimedCar(
            number=str(i + 1), class_code="GT", drivers=(TimedDriver(name=f"D{i + 1}"),),
            laps=tuple(Lap(number=n, driver=f"D{i + 1}", time_seconds=round(end - start, 3),
                           elapsed_seconds=end)
                       for n, (start, end) in enumerate(zip(starts, crossings, strict=True),
                                                        start=1)),
        ))
    return TimingSession(kind=SessionKind.RACE, scheduled_seconds=race.scheduled,
                         cars=tuple(cars))


def _columns(session: TimingSession) -> LapColumns:
    rows = [(i, lap.number, i, lap.time_seconds, lap.elapsed_seconds, False, None)
            for i, car in enumerate(session.cars) for lap in car.laps]
    frame = pl.DataFrame(rows, orient="row", schema={
        "car": pl.Int64, "lap": pl.Int64, "driver": pl.Int64, "time": pl.Float64,
        "elapsed": pl.Float64, "pit_in": pl.Boolean, "pit": pl.Float64})
    return LapColumns(session.model_copy(update={"cars": tuple(
        car.model_copy(update={"laps": ()}) for car in session.cars)}), frame,
        tuple(f"D{i + 1}" for i in range(len(session.cars))))


def _replayed(race: GeneratedRace) -> tuple[float, int, dict[int, tuple[int, float]]]:
    """The flag, who took it first, and each flagged car's (laps, time): crossing by crossing,
    the flag falls for the first car to cross after the scheduled time as the sole leader."""
    events = sorted((t, i, lap) for i, c in enumerate(race.crossings)
                    for lap, t in enumerate(c, start=1))
    completed = [0] * len(race.crossings)
    flag = None
    for t, i, lap in events:
        completed[i] = lap
        if t > race.scheduled and all(lap > n for j, n in enumerate(completed) if j != i):
            flag = (t, i)
            break
    assert flag is not None, "every generated race has a crossing after the scheduled time"
    finished = {}
    for i, crossings in enumerate(race.crossings):
        after = [(lap, t) for lap, t in enumerate(crossings, start=1) if t >= flag[0]]
        if after:
            finished[i] = after[0]
    return flag[0], flag[1], finished


@settings(max_examples=300, deadline=None)
@given(race=races())
def test_the_flag_falls_for_the_first_car_across_the_line_after_time(race: GeneratedRace):
    session = _session(race)
    result = classify(session, RULES)
    flag, first, finished = _replayed(race)
    note(f"flag {flag} for car {first + 1}; leader at time-out {race.leader_at_time_out + 1}")
    assert result.finish_seconds == flag
    winner = result.cars[0]
    assert (winner.number, winner.status, winner.took_flag) == (
        str(first + 1), FinishStatus.CLASSIFIED, True)
    if race.passed:
        assert winner.number != str(race.leader_at_time_out + 1)
    expected = sorted(finished, key=lambda i: (-finished[i][0], finished[i][1], i))
    classified = [c for c in result.cars if c.status is FinishStatus.CLASSIFIED]
    assert [c.number for c in classified] == [str(i + 1) for i in expected]
    for car in classified:
        laps, time = finished[int(car.number) - 1]
        assert (car.laps, car.race_seconds) == (laps, round(time, 3))
    for car in result.cars:
        if int(car.number) - 1 not in finished:
            assert (car.status, car.took_flag) == (FinishStatus.DNF, False)


@settings(max_examples=150, deadline=None)
@given(race=races())
def test_lap_columns_give_the_same_finish_as_lap_records(race: GeneratedRace):
    session = _session(race)
    assert classify_lap_columns(_columns(session), RULES) == classify(session, RULES)
