"""ACC results as league servers and the game itself write them, beyond the plain server file.

Small files are made here for each variant; the real edited server files of tests/data/sim/acc
(see SOURCES.md there) are classified with the order the game reports.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain import InputError
from pitboard.domain.timing import SessionKind
from pitboard.formats.acc import parse_acc, parse_acc_client
from tests.conftest import read_timing_path, reader_of, sim_sample

runner = CliRunner()


def _line(car_id: int, number: int, laps: int, total_ms: int, **car: object) -> dict[str, Any]:
    return {
        "car": {"carId": car_id, "raceNumber": number, "carModel": 1, "cupCategory": 0,
                "teamName": "", "drivers": [{"firstName": f"Driver{number}", "lastName": "X",
                                             "shortName": "X", "playerId": ""}]} | car,
        "timing": {"lapCount": laps, "totalTime": total_ms, "bestLap": 90_000},
        "missingMandatoryPitstop": 0,
    }


def _lap(car_id: int, ms: int = 90_000, driver: int = 0) -> dict[str, object]:
    return {"carId": car_id, "driverIndex": driver, "laptime": ms, "isValidForBest": True,
            "splits": [30_000, 30_000, ms - 60_000]}


def _file(session_type: str = "R", **extra: object) -> dict[str, Any]:
    return {"sessionType": session_type, "trackName": "monza",
            "sessionResult": {"leaderBoardLines": [_line(1, 7, 2, 180_000),
                                                   _line(2, 9, 2, 181_000)]},
            "laps": [_lap(1), _lap(2), _lap(1), _lap(2)], "penalties": []} | extra


def _bytes(doc: dict[str, Any]) -> bytes:
    return json.dumps(doc, indent=1).encode("utf-16-le")


def test_a_penalty_of_kind_none_is_no_penalty_and_the_file_is_read() -> None:
    warning = {"carId": 1, "driverIndex": 0, "reason": "Cutting", "penalty": "None",
               "penaltyValue": 0, "violationInLap": 0, "clearedInLap": 2}
    session = parse_acc(_bytes(_file(penalties=[warning])), "cut.json")
    assert [car.stated_penalties for car in session.cars] == [(), ()]
    assert [car.penalty_seconds for car in session.cars] == [0.0, 0.0]


def test_a_penalty_of_another_unknown_kind_is_still_reported() -> None:
    odd = {"carId": 1, "driverIndex": 0, "reason": "Cutting", "penalty": "Lecture",
           "penaltyValue": 0, "violationInLap": 0, "clearedInLap": 2}
    with pytest.raises(InputError) as caught:
        parse_acc(_bytes(_file(penalties=[odd])), "odd.json")
    (problem,) = caught.value.problems
    assert (problem.field, problem.found) == ("penalties[0].penalty", "'Lecture'")
    assert "None" in problem.expected


def test_real_practice_with_none_penalties_keeps_every_lap_and_the_order() -> None:
    path = sim_sample("acc", "acc_2019_brands_hatch_practice_FP_penalty_None_MODIFIED_utf8.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert {p["penalty"] for p in doc["penalties"]} == {"None"}
    session = read_timing_path(path)
    assert (session.kind, session.name) == (SessionKind.PRACTICE, "Practice")
    assert all(not car.stated_penalties for car in session.cars)
    siv = session.cars[0]
    assert siv.drivers[0].name == "Federico Siv"
    assert [(lap.time_seconds, lap.valid) for lap in (siv.laps[2], siv.laps[12])] == [
        (84.807, True), (84.501, True)]
    rows = _classify(path, "qualifying")
    assert [(r["number"], r["best_lap"]) for r in rows] == [
        ("17", 83.832), ("107", 83.928), ("82", 84.537)]


def test_laps_of_a_car_not_on_the_leaderboard_are_left_out_and_the_rest_read() -> None:
    doc = _file()
    doc["laps"] += [_lap(42), _lap(42)]
    doc["penalties"] = [{"carId": 42, "driverIndex": 0, "reason": "Cutting",
                         "penalty": "DriveThrough", "penaltyValue": 3, "violationInLap": 1,
                         "clearedInLap": 2}]
    session = parse_acc(_bytes(doc), "stray.json")
    assert [(car.number, len(car.laps)) for car in session.cars] == [("7", 2), ("9", 2)]
    assert all(not car.stated_penalties for car in session.cars)


def test_a_car_refused_for_its_missing_model_is_the_only_problem() -> None:
    """Its laps are not reported again as those of a car missing from the leaderboard."""
    doc = _file()
    del doc["sessionResult"]["leaderBoardLines"][1]["car"]["carModel"]
    with pytest.raises(InputError) as caught:
        parse_acc(_bytes(doc), "model.json")
    assert [(p.field, p.found) for p in caught.value.problems] == [
        ("sessionResult.leaderBoardLines[1].car.carModel", "'no such field'")]


@pytest.mark.parametrize(("session_type", "kind", "name"), [
    ("R", SessionKind.RACE, "Race"),
    ("R1", SessionKind.RACE, "Race 1"),
    ("R2", SessionKind.RACE, "Race 2"),
    ("Q", SessionKind.QUALIFYING, "Qualifying"),
    ("Q2", SessionKind.QUALIFYING, "Qualifying 2"),
    ("FP", SessionKind.PRACTICE, "Practice"),
    ("FP3", SessionKind.PRACTICE, "Practice 3"),
])
def test_numbered_sessions_are_read_as_their_kind(session_type: str, kind: SessionKind,
                                                  name: str) -> None:
    session = parse_acc(_bytes(_file(session_type)), f"{session_type}.json")
    assert (session.kind, session.name) == (kind, name)


def test_an_unknown_session_type_is_reported() -> None:
    with pytest.raises(InputError, match=r"sessionType: expected one of R, Q, FP, numbered"):
        parse_acc(_bytes(_file("XP")), "xp.json")


def test_real_second_qualifying_gives_the_games_pole() -> None:
    path = sim_sample("acc", "acc_2019_brands_hatch_qualify_Q2_MODIFIED_utf8.json")
    session = read_timing_path(path)
    assert (session.kind, session.name) == (SessionKind.QUALIFYING, "Qualifying 2")
    rows = _classify(path, "qualifying")
    assert [(r["number"], r["drivers"], r["best_lap"]) for r in rows] == [
        ("17", ["Federico Siv"], 82.863), ("107", ["Alberto For"], 83.121),
        ("82", ["Andrea Mel"], 83.862)]


def test_a_results_file_without_laps_is_classified_from_its_leaderboard() -> None:
    path = sim_sample("acc", "acc_2019_brands_hatch_race_no_laps_MODIFIED_utf8.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert "laps" not in doc
    rows = _classify(path, "classify")
    assert [(r["number"], r["laps"], r["race_time"], r["status"]) for r in rows] == [
        (str(x["car"]["raceNumber"]), x["timing"]["lapCount"], x["timing"]["totalTime"] / 1000,
         "classified")
        for x in doc["sessionResult"]["leaderBoardLines"]]
    assert rows[0]["drivers"] == ["Andrea Mel"]
    assert rows[1]["gap"] == "2 Laps"


def test_the_games_own_save_is_recognised_and_classified() -> None:
    path = sim_sample("acc", "acc_client_race_made_for_tests.json")
    assert reader_of(path).name == "acc-client-json"
    doc = json.loads(path.read_bytes().decode("utf-16-le"))
    session = read_timing_path(path)
    assert (session.kind, session.source_format) == (SessionKind.RACE, "acc-client-json")
    lines = doc["snapShot"]["leaderBoardLines"]
    rows = _classify(path, "classify")
    assert [r["number"] for r in rows] == [str(x["car"]["raceNumber"]) for x in lines]
    assert [r["laps"] for r in rows] == [x["timing"]["lapCount"] for x in lines]
    best = [lap["lapTime"] for lap in doc["laps"] if lap["carId"] == lines[0]["car"]["carId"]]
    assert [lap.time_seconds for lap in session.cars[0].laps] == [ms / 1000 for ms in best]


def test_a_save_with_an_unknown_numeric_session_type_is_reported() -> None:
    doc = {"sessionDef": {"sessionType": 7}, "snapShot": {"leaderBoardLines": []}}
    with pytest.raises(InputError, match=r"sessionDef.sessionType: expected one of 0, 4, 10"):
        parse_acc_client(json.dumps(doc).encode(), "save.json")


def test_a_driver_slot_naming_nobody_is_no_driver() -> None:
    """An empty swap slot: its laps have no driver and no driver named "" is made."""
    doc = _file()
    car = doc["sessionResult"]["leaderBoardLines"][0]["car"]
    car["drivers"].append({"firstName": "", "lastName": "", "shortName": "", "playerId": ""})
    doc["laps"][2] = _lap(1, driver=1)
    session = parse_acc(_bytes(doc), "swap.json")
    assert [d.name for d in session.cars[0].drivers] == ["Driver7 X"]
    assert [lap.driver for lap in session.cars[0].laps] == ["Driver7 X", None]


def _classify(path: object, command: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, [command, str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.output)["classification"]
    return rows
