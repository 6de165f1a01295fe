"""iRacing results JSON: what the reader gives matches what iRacing itself states."""

from __future__ import annotations

import json

import pytest

from pitboard.domain import FinishStatus, InputError
from pitboard.domain.timing import SessionKind, TimingSession
from pitboard.formats.iracing import parse_iracing
from tests.conftest import (
    read_timing_path,
    read_timing_sessions,
    real_file,
)

pytestmark = pytest.mark.real_data
NAME = "iracing_2021_bathurst_hosted_multiclass_36788868.json"


@pytest.fixture(scope="module")
def sessions() -> tuple[TimingSession, ...]:
    return read_timing_sessions(real_file("iracing", NAME))


def test_every_session_of_the_subsession_in_running_order(
    sessions: tuple[TimingSession, ...],
) -> None:
    assert [s.kind for s in sessions] == [
        SessionKind.PRACTICE,
        SessionKind.QUALIFYING,
        SessionKind.RACE,
    ]
    assert [len(s.cars) for s in sessions] == [17, 17, 17]
    race = sessions[-1]
    assert (race.event, race.track, str(race.date)) == (
        "NXTGEN S19 PMR Porsche League",
        "Mount Panorama Circuit",
        "2021-01-08",
    )
    assert read_timing_path(real_file("iracing", NAME)).kind is SessionKind.RACE


def test_race_positions_are_one_based_and_the_winner_is_dave_n(
    sessions: tuple[TimingSession, ...],
) -> None:
    race = sessions[-1]
    assert [c.stated_position for c in race.cars] == list(range(1, 18))
    winner = race.cars[0]
    assert (winner.number, winner.drivers[0].name, winner.drivers[0].source_id) == (
        "8",
        "Dave N",
        "357237",
    )
    assert winner.stated_best_lap_seconds == pytest.approx(129.6209)
    assert [c.stated_laps for c in race.cars].count(5) == 16
    assert race.cars[-1].stated_laps == 4  # Sam H, a lap down, last
    assert all(c.stated_status is FinishStatus.CLASSIFIED for c in race.cars)


def test_all_race_cars_are_in_the_911_cup_class(sessions: tuple[TimingSession, ...]) -> None:
    assert {c.class_code for c in sessions[-1].cars} == {"Porsche 911 GT3 Cup"}
    assert all(c.team == "" and len(c.drivers) == 1 for c in sessions[-1].cars)


def test_qualifying_order_is_by_best_lap(sessions: tuple[TimingSession, ...]) -> None:
    quali = sessions[1]
    timed = [c for c in quali.cars if c.stated_best_lap_seconds is not None]
    assert timed == sorted(timed, key=lambda c: c.stated_best_lap_seconds or 0)
    assert quali.cars[0].stated_best_lap_seconds == pytest.approx(127.7582)
    assert quali.cars[-1].stated_best_lap_seconds is None  # Callum N set no time


def _doc(result: dict[str, object]) -> dict[str, object]:
    return {
        "subsession_id": 1,
        "start_time": "2024-05-01T18:00:00Z",
        "track": {"track_name": "Spa", "config_name": "Endurance"},
        "car_classes": [{"car_class_id": 4, "name": "GT3 Class", "short_name": "GT3"}],
        "session_results": [
            {
                "simsession_number": 0,
                "simsession_type": 6,
                "simsession_name": "RACE",
                "results": [result],
            }
        ],
    }


TEAM = {
    "display_name": "Team X",
    "finish_position": 0,
    "laps_complete": 120,
    "best_lap_time": 1375000,
    "reason_out": "Disconnected",
    "car_class_id": 4,
    "livery": {"car_number": "007"},
    "driver_results": [
        {"display_name": "A One", "cust_id": 1},
        {"display_name": "B Two", "cust_id": 2},
    ],
}


def test_a_team_entry_has_its_drivers_and_reason_out() -> None:
    session = parse_iracing(json.dumps({"data": _doc(TEAM)}).encode(), "team.json")
    car = session.cars[0]
    assert (car.number, car.team, car.class_code) == ("007", "Team X", "GT3 Class")
    assert [(d.name, d.source_id) for d in car.drivers] == [("A One", "1"), ("B Two", "2")]
    assert (car.stated_status, car.status_reason) == (FinishStatus.DNF, "Disconnected")
    assert car.stated_best_lap_seconds == pytest.approx(137.5)
    assert session.track == "Spa - Endurance"


def test_an_unknown_reason_out_and_a_missing_field_are_located() -> None:
    result = dict(TEAM, reason_out="Abducted")
    del result["laps_complete"]
    text = json.dumps(_doc(result), indent=1)
    with pytest.raises(InputError) as caught:
        parse_iracing(text.encode(), "bad.json")
    fields = {p.field: p for p in caught.value.problems}
    assert set(fields) == {
        "session_results[0].results[0].reason_out",
        "session_results[0].results[0].laps_complete",
    }
    assert fields["session_results[0].results[0].reason_out"].line == 21  # the result object


def test_truncated_json_is_a_located_input_error() -> None:
    text = json.dumps(_doc(TEAM), indent=1)
    with pytest.raises(InputError) as caught:
        parse_iracing(text[: len(text) // 2].encode(), "cut.json")
    (problem,) = caught.value.problems
    assert problem.field == "json"
    assert problem.line is not None


def test_the_best_lap_number_is_read_and_a_driver_named_nobody_is_left_out() -> None:
    result = dict(TEAM, best_lap_num=57, driver_results=[
        {"display_name": "A One", "cust_id": 1}, {"display_name": " ", "cust_id": 0}])
    car = parse_iracing(json.dumps(_doc(result)).encode(), "team.json").cars[0]
    assert car.stated_best_lap_number == 57
    assert [d.name for d in car.drivers] == ["A One"]
    no_lap = dict(TEAM, best_lap_time=-1, best_lap_num=-1)
    car = parse_iracing(json.dumps(_doc(no_lap)).encode(), "none.json").cars[0]
    assert (car.stated_best_lap_seconds, car.stated_best_lap_number) == (None, None)
