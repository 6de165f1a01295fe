"""Qualifying from laps (best lap, WEC driver average, deleted laps) and the penalties CSV."""

from __future__ import annotations

import pytest

from pitboard.domain import InputError
from pitboard.domain.classification import Penalty, PenaltyKind
from pitboard.domain.timing import Lap, SessionKind, TimedCar, TimingSession
from pitboard.engine.qualifying import class_poles, grid_order
from pitboard.engine.qualifying_laps import classify_by_best_lap, qualifying_session
from pitboard.formats.penalties_csv import parse_penalties_csv
from pitboard.rules import RuleSet


def _car(number: str, class_code: str, laps: list[tuple[str, float]]) -> TimedCar:
    return TimedCar(
        number=number, class_code=class_code,
        laps=tuple(Lap(number=i, driver=d, time_seconds=t) for i, (d, t) in enumerate(laps, 1)),
    )


SESSION = TimingSession(
    kind=SessionKind.QUALIFYING,
    cars=(
        _car("1", "GT", [("A", 100.0), ("B", 104.0)]),
        _car("2", "GT", [("C", 101.0), ("D", 101.5)]),
        _car("3", "P", [("E", 95.0), ("F", 96.0)]),
        _car("4", "P", [("G", 94.0), ("G", 97.0)]),
    ),
)


def test_best_lap_orders_the_grid_and_gives_class_poles():
    grid = grid_order(qualifying_session(SESSION, RuleSet()))
    assert [line.number for line in grid] == ["4", "3", "1", "2"]
    assert class_poles(qualifying_session(SESSION)) == {"P": "4", "GT": "1"}


def test_average_of_two_drivers_best_laps_is_the_wec_rule():
    rules = RuleSet(qualifying_drivers_averaged=2)
    result = classify_by_best_lap(SESSION, rules)
    assert [car.number for car in result.cars] == ["3", "2", "1", "4"]  # #4 had one driver
    assert result.car("2").best_lap_seconds == pytest.approx(101.25)


def test_a_deleted_lap_and_a_disallowed_time_start_from_the_back_of_the_class():
    penalties = (
        Penalty(number="1", kind=PenaltyKind.DELETE_LAP, value=1, reason="Track limits"),
        Penalty(number="4", kind=PenaltyKind.DISALLOW, reason="Technical infringement"),
    )
    result = classify_by_best_lap(SESSION, RuleSet(), penalties)
    assert result.car("1").best_lap_seconds == pytest.approx(104.0)
    assert [c.number for c in result.in_class("GT")] == ["2", "1"]
    assert [c.number for c in result.in_class("P")] == ["3", "4"]
    assert result.car("4").notes() == "DISALLOW (Technical infringement)"


def test_penalties_csv_reads_every_kind_and_keeps_the_reason():
    text = ("number,kind,value,reason\n85,dsq,,Fuel capacity\n7,time,30,Pit lane speeding\n"
            "8,laps,1,Jump start\n9,drop,3,Contact\n10,exclude,,Entry\n")
    penalties = parse_penalties_csv(text, "p.csv")
    assert [(p.number, p.kind, p.value) for p in penalties] == [
        ("85", PenaltyKind.DSQ, 0.0), ("7", PenaltyKind.TIME, 30.0), ("8", PenaltyKind.LAPS, 1.0),
        ("9", PenaltyKind.DROP, 3.0), ("10", PenaltyKind.EXCLUDE, 0.0),
    ]
    assert penalties[0].reason == "Fuel capacity"
    assert penalties[1].source.line == 3


def test_penalties_csv_reports_unknown_kinds_and_bad_values():
    text = "number,kind,value,reason\n85,ban,,x\n7,time,soon,x\n8,laps,1.5,x\n"
    with pytest.raises(InputError) as err:
        parse_penalties_csv(text, "p.csv")
    assert [(p.line, p.field) for p in err.value.problems] == [(2, "kind"), (3, "value"),
                                                               (4, "value")]


@pytest.mark.parametrize("value", ["NaN", "inf", "-inf", "1e400"])
@pytest.mark.parametrize("kind", ["time", "laps"])
def test_penalty_values_of_nan_or_inf_are_located(kind: str, value: str):
    text = f"number,kind,value,reason\n7,{kind},{value},x\n"
    with pytest.raises(InputError) as err:
        parse_penalties_csv(text, "p.csv")
    assert [(p.line, p.field) for p in err.value.problems] == [(2, "value")]
