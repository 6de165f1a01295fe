"""The race classification rules on small made-up sessions: flag, distance, penalties, drivers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pitboard.domain import FinishStatus
from pitboard.domain.classification import Penalty, PenaltyKind
from pitboard.domain.timing import Lap, SessionKind, TimedCar, TimedDriver, TimingSession
from pitboard.engine.classification import classify
from pitboard.engine.result_lines import result_lines
from pitboard.rules import RuleSet


def _car(number: str, lap_times: list[float], class_code: str = "LMP2",
         drivers: tuple[str, ...] = ("A",), pit_in: tuple[int, ...] = ()) -> TimedCar:
    laps, clock = [], 0.0
    for i, seconds in enumerate(lap_times, start=1):
        clock += seconds
        laps.append(Lap(number=i, time_seconds=seconds, elapsed_seconds=round(clock, 3),
                        driver=drivers[(i - 1) * len(drivers) // len(lap_times)],
                        pit_in=i in pit_in))
    return TimedCar(number=number, class_code=class_code, team=f"Team {number}",
                    drivers=tuple(TimedDriver(name=d) for d in dict.fromkeys(drivers)),
                    laps=tuple(laps))


def _race(*cars: TimedCar, **kw) -> TimingSession:
    return TimingSession(kind=SessionKind.RACE, cars=cars, **kw)


def test_laps_after_the_leaders_finish_beyond_the_first_crossing_do_not_count():
    session = _race(_car("1", [100.0] * 12), _car("2", [101.0] * 12), scheduled_laps=10)
    result = classify(session, RuleSet(), ())
    # The leader finishes lap 10 at 1000 s; car 2 crosses once more (1010 s), later laps are off.
    assert [c.number for c in result.cars] == ["1", "2"]
    assert result.car("2").laps == 10
    assert result.car("2").gap.seconds == pytest.approx(10.0)


def test_time_certain_race_ends_at_the_leaders_first_crossing_after_the_scheduled_time():
    session = _race(_car("1", [100.0] * 12), _car("2", [105.0] * 12), scheduled_seconds=950)
    result = classify(session, RuleSet(), ())
    assert result.finish_seconds == pytest.approx(1000.0)
    assert (result.car("1").laps, result.car("2").laps) == (10, 10)


def test_a_car_below_70_percent_of_the_winners_distance_is_not_classified():
    session = _race(_car("1", [100.0] * 10), _car("2", [100.0] * 5 + [500.0]))
    result = classify(session, RuleSet(), ())
    assert result.car("2").took_flag is True
    assert result.car("2").status is FinishStatus.NC
    lenient = classify(session, RuleSet(min_distance_share=Decimal("0.6")), ())
    assert lenient.car("2").status is FinishStatus.CLASSIFIED


def test_a_car_that_stopped_before_the_flag_is_dnf_unless_the_flag_is_not_required():
    session = _race(_car("1", [100.0] * 10), _car("2", [100.5] * 9))
    assert classify(session, RuleSet(), ()).car("2").status is FinishStatus.DNF
    relaxed = classify(session, RuleSet(chequered_flag_required=False), ())
    assert relaxed.car("2").status is FinishStatus.CLASSIFIED


def test_distance_share_of_the_class_winner_when_the_rules_say_so():
    session = _race(_car("1", [100.0] * 10, "P"), _car("2", [140.0] * 7 + [60.0], "GT"),
                    _car("3", [200.0] * 5, "GT"))
    overall = classify(session, RuleSet(), ())
    assert overall.car("3").status is FinishStatus.NC
    by_class = classify(session, RuleSet(distance_reference="class"), ())
    assert by_class.car("3").status is FinishStatus.NC  # 5 < 0.7 * 8
    assert by_class.car("2").status is FinishStatus.CLASSIFIED
    assert by_class.car("2").class_position == 1


def test_time_penalty_is_added_to_the_race_time_and_can_cost_a_place():
    session = _race(_car("1", [100.0] * 10), _car("2", [100.5] * 10))
    penalty = Penalty(number="1", kind=PenaltyKind.TIME, value=30, reason="Pit lane speeding")
    result = classify(session, RuleSet(), (penalty,))
    assert [c.number for c in result.cars] == ["2", "1"]
    assert result.car("1").gap.seconds == pytest.approx(25.0)
    assert result.car("1").notes() == "+30 s (Pit lane speeding)"


def test_lap_deduction_drop_and_exclusion():
    session = _race(_car("1", [100.0] * 10), _car("2", [100.5] * 10), _car("3", [101.0] * 10))
    result = classify(session, RuleSet(), (
        Penalty(number="1", kind=PenaltyKind.LAPS, value=1),
        Penalty(number="2", kind=PenaltyKind.DROP, value=5),
        Penalty(number="3", kind=PenaltyKind.EXCLUDE, reason="Entry irregularity"),
    ))
    assert [c.number for c in result.cars] == ["3", "1", "2"]
    assert result.car("1").laps == 9
    assert result.car("3").excluded
    lines = result_lines(result)
    assert [line.status for line in lines] == [FinishStatus.EXC, FinishStatus.CLASSIFIED,
                                               FinishStatus.CLASSIFIED]


def test_stated_verdicts_of_the_source_are_honoured():
    dsq = _car("2", [100.5] * 10).model_copy(update={"stated_status": FinishStatus.DSQ})
    stated = TimedCar(number="3", class_code="LMP2", stated_laps=10, stated_total_seconds=1003.0,
                      penalty_seconds=5.0, stated_best_lap_seconds=99.0)
    result = classify(_race(_car("1", [100.0] * 10), dsq, stated), RuleSet(), ())
    assert [c.number for c in result.cars] == ["1", "3", "2"]
    assert result.car("3").race_seconds == pytest.approx(1008.0)
    assert result.car("3").best_lap_seconds == pytest.approx(99.0)
    assert result.car("2").status is FinishStatus.DSQ


def test_a_penalty_for_a_car_not_in_the_session_is_a_problem():
    from pitboard.domain import InputError

    with pytest.raises(InputError):
        classify(_race(_car("1", [100.0] * 3)), RuleSet(),
                 (Penalty(number="99", kind=PenaltyKind.DSQ),))


def test_driving_time_stints_pit_stops_and_minimum_driving_time():
    car = _car("1", [100.0] * 10, drivers=("A", "B"), pit_in=(3, 5))
    result = classify(_race(car), RuleSet(min_driver_seconds=450), ())
    line = result.car("1")
    assert line.pit_stops == 2
    times = {d.name: d for d in line.driver_times}
    assert (times["A"].seconds, times["A"].stints, times["A"].scores) == (500.0, 2, True)
    assert (times["B"].seconds, times["B"].stints) == (500.0, 1)
    short = classify(_race(_car("1", [100.0] * 10, drivers=("A", "A", "A", "A", "B"))),
                     RuleSet(min_driver_seconds=300), ())
    assert result_lines(short)[0].drivers == ("A",)
    assert "under the minimum driving time: B" in result_lines(short)[0].note


def test_best_lap_and_laps_led():
    result = classify(_race(_car("1", [99.0, 101.0, 100.0]), _car("2", [100.0, 98.0, 103.0])),
                      RuleSet(), ())
    assert (result.car("2").best_lap_seconds, result.car("2").best_lap_number) == (98.0, 2)
    assert (result.car("1").laps_led, result.car("2").laps_led) == (2, 1)
    assert result.class_bests[0].number == "2"
