"""ACC server results JSON: what the reader gives matches what the server itself states."""

from __future__ import annotations

import json

import pytest

from pitboard.domain import FinishStatus, InputError
from pitboard.domain.timing import SessionKind, TimedCar, TimingSession
from pitboard.formats.acc import parse_acc
from tests.conftest import (
    read_timing_path,
    reader_of,
    real_file,
)

pytestmark = pytest.mark.real_data


@pytest.fixture(scope="module")
def silverstone() -> TimingSession:
    return read_timing_path(real_file("acc", "acc_silverstone_race_40cars.json"))


def _after_penalties(session: TimingSession) -> list[TimedCar]:
    """Laps (desc), then total time plus post-race penalty (asc); cars without a time last."""
    return sorted(
        session.cars,
        key=lambda c: (
            -(c.stated_laps or 0),
            c.stated_total_seconds is None,
            (c.stated_total_seconds or 0) + c.penalty_seconds,
        ),
    )


def test_utf16le_without_bom_is_detected_and_sniffed() -> None:
    path = real_file("acc", "acc_silverstone_race_40cars.json")
    assert path.read_bytes()[:2] == b"{\x00"
    assert reader_of(path).name == "acc-json"


def test_silverstone_has_40_cars_and_820_laps(silverstone: TimingSession) -> None:
    assert silverstone.kind is SessionKind.RACE
    assert silverstone.track == "silverstone_2019"
    assert len(silverstone.cars) == 40
    assert sum(len(c.laps) for c in silverstone.cars) == 820
    assert all(len(c.laps) == c.stated_laps for c in silverstone.cars)


def test_silverstone_order_after_the_80_second_penalty(silverstone: TimingSession) -> None:
    penalised = [c for c in silverstone.cars if c.penalty_seconds]
    assert [(c.number, c.penalty_seconds) for c in penalised] == [("20", 80.0)]
    order = _after_penalties(silverstone)
    assert [c.stated_position for c in order] == list(range(1, 41))
    assert (order[0].number, order[0].stated_total_seconds) == ("723", 3630.098)
    assert order[1].stated_total_seconds - order[0].stated_total_seconds == pytest.approx(8.849)


def test_silverstone_drive_through_is_listed_as_served(silverstone: TimingSession) -> None:
    car = next(c for c in silverstone.cars if c.number == "20")
    assert [(p.kind, p.served, p.lap, p.reason) for p in car.stated_penalties] == [
        ("DriveThrough", True, 29, "Cutting"),
        ("PostRaceTime", None, 29, "Cutting"),
    ]


def test_silverstone_cars_without_a_lap_have_no_time(silverstone: TimingSession) -> None:
    no_lap = [c for c in silverstone.cars if c.stated_laps == 0]
    assert len(no_lap) == 5
    assert all(c.stated_total_seconds is None and c.stated_best_lap_seconds is None for c in no_lap)
    assert all(c.stated_status is None for c in silverstone.cars)  # ACC states no verdict


def test_silverstone_classes_models_and_missed_stops(silverstone: TimingSession) -> None:
    assert {c.class_code for c in silverstone.cars} == {"GT3"}
    assert len({c.vehicle for c in silverstone.cars}) == 12
    winner = silverstone.cars[0]
    assert (winner.vehicle, winner.manufacturer) == ("McLaren 720S GT3", "McLaren")
    missed = [c.number for c in silverstone.cars if c.status_reason]
    assert missed == ["762", "59", "17", "60", "808", "22"]
    assert winner.drivers[0].source_id == "S76561197982083718"


def test_silverstone_best_lap_is_the_best_valid_lap(silverstone: TimingSession) -> None:
    for car in silverstone.cars:
        valid = [lap.time_seconds for lap in car.laps if lap.valid and lap.time_seconds]
        if car.stated_best_lap_seconds is not None:
            assert min(valid) == pytest.approx(car.stated_best_lap_seconds)
    fastest = min(silverstone.cars, key=lambda c: c.stated_best_lap_seconds or 1e9)
    assert (fastest.number, fastest.stated_best_lap_seconds) == ("723", 118.146)


def test_brands_hatch_race_winner_is_two_laps_up_with_cups() -> None:
    race = read_timing_path(real_file("acc", "acc_2019_brands_hatch_race_3cars.json"))
    assert [c.number for c in _after_penalties(race)] == ["82", "107", "17"]
    assert [c.stated_laps for c in race.cars] == [23, 21, 21]
    assert sum(len(c.laps) for c in race.cars) == 65
    assert race.cars[0].drivers[0].name == "Andrea Mel"
    assert race.cars[1].laps[0].time_seconds == pytest.approx(595.176)  # holds the start
    assert race.cars[0].group == "Pro"


def test_brands_hatch_qualifying_is_ordered_by_best_lap() -> None:
    quali = read_timing_path(real_file("acc", "acc_2019_brands_hatch_qualify.json"))
    assert quali.kind is SessionKind.QUALIFYING
    assert sum(len(c.laps) for c in quali.cars) == 24
    by_best = sorted(quali.cars, key=lambda c: c.stated_best_lap_seconds or 1e9)
    assert [c.stated_position for c in by_best] == [1, 2, 3]
    assert by_best[0].stated_best_lap_seconds == pytest.approx(82.863)
    assert sum(1 for c in quali.cars for lap in c.laps if not lap.valid) == 7
    assert all(c.stated_total_seconds is None and not c.status_reason for c in quali.cars)


def _minimal(**car: object) -> dict[str, object]:
    line = {
        "car": {
            "carId": 1,
            "raceNumber": 7,
            "carModel": 1,
            "cupCategory": 0,
            "teamName": "",
            "drivers": [{"firstName": "A", "lastName": "B", "shortName": "B", "playerId": ""}],
        }
        | car,
        "timing": {"lapCount": 0, "totalTime": 2147483647, "bestLap": 2147483647},
        "missingMandatoryPitstop": 0,
    }
    return {
        "sessionType": "R",
        "trackName": "t",
        "sessionResult": {"leaderBoardLines": [line]},
        "laps": [],
        "penalties": [],
    }


def test_all_three_encodings_are_accepted() -> None:
    text = json.dumps(_minimal())
    for data in (text.encode("utf-16-le"), text.encode("utf-16"), text.encode("utf-8")):
        assert parse_acc(data, "x.json").cars[0].number == "7"


def test_an_unknown_car_model_is_reported_not_guessed() -> None:
    data = json.dumps(_minimal(carModel=999), indent=1).encode("utf-16-le")
    with pytest.raises(InputError) as caught:
        parse_acc(data, "x.json")
    (problem,) = caught.value.problems
    assert problem.field == "sessionResult.leaderBoardLines[0].car.carModel"
    assert problem.found == "'999'"
    assert problem.line == 7  # where the car object starts


def test_truncated_json_is_a_located_input_error() -> None:
    data = json.dumps(_minimal(), indent=1).encode("utf-16-le")[:300]
    with pytest.raises(InputError) as caught:
        parse_acc(data, "cut.json")
    (problem,) = caught.value.problems
    assert (problem.field, problem.expected) == ("json", "well-formed JSON")
    assert problem.line is not None
    assert problem.line > 1


def test_a_missing_required_field_is_named() -> None:
    doc = _minimal()
    del doc["sessionResult"]["leaderBoardLines"][0]["timing"]["lapCount"]  # type: ignore[index]
    with pytest.raises(InputError, match=r"timing\.lapCount: expected a whole number"):
        parse_acc(json.dumps(doc).encode(), "x.json")


def test_a_disqualification_penalty_is_a_stated_dsq() -> None:
    doc = _minimal()
    doc["penalties"] = [
        {
            "carId": 1,
            "driverIndex": 0,
            "reason": "Cutting",
            "penalty": "Disqualified",
            "penaltyValue": 0,
            "violationInLap": 3,
            "clearedInLap": 0,
        }
    ]
    assert parse_acc(json.dumps(doc).encode(), "x.json").cars[0].stated_status is FinishStatus.DSQ


def test_a_number_too_large_for_a_float_is_located() -> None:
    doc = _minimal()
    doc["laps"] = [{"carId": 1, "driverIndex": 0, "laptime": 10**400, "isValidForBest": True,
                    "splits": [10**400, 30000, 30000]}]
    with pytest.raises(InputError) as caught:
        parse_acc(json.dumps(doc, indent=1).encode(), "huge.json")
    assert {p.field for p in caught.value.problems} == {"laps[0].laptime", "laps[0].splits[0]"}
    assert all(p.line is not None for p in caught.value.problems)


@pytest.mark.parametrize(
    ("text", "found"),
    [('{"sessionType": "R", "x": ' + "[" * 50_000 + "]" * 50_000 + "}",
      "nesting too deep to read"),
     ('{"sessionType": "R",\n"x": ' + "7" * 5000 + "}", "a number of thousands of digits")],
)
def test_json_nested_too_deep_or_with_endless_digits_is_located(text: str, found: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_acc(text.encode(), "odd.json")
    (problem,) = caught.value.problems
    assert (problem.file, problem.field, problem.found) == ("odd.json", "json", found)
