"""`pitboard classify FILE --format json` on every sim sample gives the game's own result.

The expected figures are read from each file with the standard library (json, ElementTree), not
through pitboard's readers, so the command is checked against what the game itself wrote.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from tests.conftest import real_file

pytestmark = pytest.mark.real_data
runner = CliRunner()

RF2_RACES = [
    "rf2_2013_sebring_lolat280_20min_race.xml",
    "rf2_2013_topeka_megane_20min_race_with_penalties.xml",
    "rf2_2014_cpsa_blancpain_monza_60min_race.xml",
    "rf2_2015_hungaroring_f1_35lap_race.xml",
    "rf2_2013_mills_megane_race_MODIFIED_dq_added.xml",
]
ROW_KEYS = {"position", "class", "class_position", "number", "team", "drivers", "laps", "status",
            "race_time", "gap", "interval", "class_gap", "penalties", "source"}


def classify_json(path: Path) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["classify", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.output)["classification"]
    assert all(set(row) >= ROW_KEYS for row in rows)
    return rows


# --- rFactor 2 ---------------------------------------------------------------------------------


def rf2_drivers(path: Path) -> list[dict[str, Any]]:
    """The race's <Driver> elements as the game wrote them."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:  # the Sebring file holds Latin-1 under a UTF-8 declaration
        text = data.decode("latin-1")
    root = ET.fromstring(re.sub(r"^<\?xml[^>]*\?>", "", text.lstrip("\ufeff")))
    race = [s for s in root.find("RaceResults") or [] if s.tag.startswith("Race")][-1]
    drivers = []
    for d in race.iter("Driver"):
        finish = d.findtext("FinishTime")
        drivers.append({
            "name": (d.findtext("Name") or "").strip(),
            "position": int(d.findtext("Position") or 0),
            "class_position": int(d.findtext("ClassPosition") or 0),
            "laps": int(d.findtext("Laps") or 0),
            "finish": float(finish) if finish else None,
            "status": d.findtext("FinishStatus"),
        })
    return drivers


@pytest.fixture(scope="module", params=RF2_RACES)
def rf2(request: pytest.FixtureRequest) -> tuple[str, list[dict[str, Any]], list[dict[str, Any]]]:
    path = real_file("rfactor2", request.param)
    return request.param, rf2_drivers(path), classify_json(path)


def test_rfactor2_statuses_laps_and_times_are_the_games(rf2) -> None:
    _, game, rows = rf2
    by_name = {d["name"]: d for d in game}
    statuses = {"Finished Normally": "classified", "DNF": "DNF", "DQ": "DSQ"}
    assert len(rows) == len(game)
    for row in rows:
        stated = by_name[row["drivers"][-1]]
        assert row["status"] == statuses[stated["status"]]
        if row["status"] == "DSQ":  # the hand-added DQ driver states 5 laps but has 4 lap records
            assert row["laps"] <= stated["laps"]
        else:
            assert row["laps"] == stated["laps"]
        if stated["finish"] is not None:
            assert row["race_time"] == pytest.approx(stated["finish"], abs=0.0006)


def test_rfactor2_order_is_the_games_position_repaired_where_it_is_corrupted(rf2) -> None:
    """Finishers by laps then finish time, then retirements by laps; a DQ last."""
    name, game, rows = rf2
    group = {"Finished Normally": 0, "DNF": 1, "DQ": 2}
    repaired = sorted(game, key=lambda d: (group[d["status"]], -d["laps"], d["finish"] or 0.0))
    assert [r["drivers"][-1] for r in rows] == [d["name"] for d in repaired]
    stated = [d["name"] for d in sorted(game, key=lambda d: d["position"])]
    if "MODIFIED" in name:
        assert stated != [d["name"] for d in repaired]  # the game's positions are corrupted
    else:
        assert [r["drivers"][-1] for r in rows] == stated
        assert [r["class_position"] for r in rows] == [
            d["class_position"] for d in sorted(game, key=lambda d: d["position"])
        ]


def test_rfactor2_corrupted_positions_give_the_finishing_order_and_the_dq_last() -> None:
    rows = classify_json(real_file("rfactor2", RF2_RACES[-1]))
    assert [(r["drivers"][0], r["status"]) for r in rows] == [
        ("mauserrifle", "classified"),
        ("Leonardo Saponti", "classified"),
        ("Tig_green", "classified"),
        ("Malek1th", "DNF"),
        ("Bad driver", "DSQ"),
    ]
    assert rows[-1]["gap"] is None


def test_rfactor2_unserved_penalty_is_in_the_time_and_shown_beside_the_car() -> None:
    rows = classify_json(real_file("rfactor2", RF2_RACES[1]))
    car = next(r for r in rows if r["drivers"] == ["mauserrifle"])
    assert (car["position"], car["race_time"]) == (3, 1304.146)
    assert [(p["kind"], p["value"]) for p in car["penalties"]] == [("time", 35.0)]
    assert all(not r["penalties"] for r in rows if r is not car)


# --- ACC ---------------------------------------------------------------------------------------


def acc_lines(path: Path) -> list[dict[str, Any]]:
    doc = json.loads(path.read_bytes().decode("utf-16-le"))
    lines = doc["sessionResult"]["leaderBoardLines"]
    return [
        {"number": str(x["car"]["raceNumber"]), "laps": x["timing"]["lapCount"],
         "total": x["timing"]["totalTime"], "car_id": x["car"]["carId"]}
        for x in lines
    ] + [{"penalties": doc.get("penalties", [])}]


@pytest.fixture(scope="module")
def silverstone() -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    path = real_file("acc", "acc_silverstone_race_40cars.json")
    *lines, extra = acc_lines(path)
    return lines, extra["penalties"], classify_json(path)


def test_acc_order_laps_and_times_are_the_leaderboards(silverstone) -> None:
    lines, _, rows = silverstone
    assert [(r["number"], r["laps"]) for r in rows] == [(x["number"], x["laps"]) for x in lines]
    for row, line in zip(rows, lines, strict=True):
        if line["laps"]:
            assert row["race_time"] == pytest.approx(line["total"] / 1000)
    assert rows[1]["gap"] == pytest.approx((lines[1]["total"] - lines[0]["total"]) / 1000)


def test_acc_statuses_without_a_lap_clock_come_from_laps_not_the_flag(silverstone) -> None:
    """No crossing times: the flag rule cannot apply; 0 laps is DNS, under 70 % of 30 laps NC."""
    lines, _, rows = silverstone
    winner_laps = lines[0]["laps"]
    for row, line in zip(rows, lines, strict=True):
        expected = ("DNS" if line["laps"] == 0 else
                    "classified" if line["laps"] >= 0.7 * winner_laps else "NC")
        assert row["status"] == expected
        assert row["took_flag"] is None
    assert sum(r["status"] == "classified" for r in rows) == 24
    assert sum(r["status"] == "DNS" for r in rows) == 5


def test_acc_post_race_penalty_moves_20_from_eighth_on_the_road_to_fourteenth(silverstone) -> None:
    lines, penalties, rows = silverstone
    post = [p for p in penalties if p["penalty"] == "PostRaceTime"]
    car_20 = next(x for x in lines if x["number"] == "20")
    assert [(p["carId"], p["penaltyValue"]) for p in post] == [(car_20["car_id"], 80)]
    row = next(r for r in rows if r["number"] == "20")
    assert row["position"] == 14
    assert [(p["value"], p["reason"]) for p in row["penalties"]] == [(80.0, "Cutting")]
    road = row["race_time"] - 80
    on_road = sorted(r["race_time"] if r is not row else road
                     for r in rows if r["laps"] == 30)
    assert on_road.index(road) == 7


def test_acc_brands_hatch_race_keeps_the_leaderboard() -> None:
    path = real_file("acc", "acc_2019_brands_hatch_race_3cars.json")
    *lines, _ = acc_lines(path)
    rows = classify_json(path)
    assert [(r["number"], r["laps"], r["status"]) for r in rows] == [
        (x["number"], x["laps"], "classified") for x in lines
    ]
    assert rows[1]["gap"] == "2 Laps"
    assert rows[2]["interval"] == pytest.approx((lines[2]["total"] - lines[1]["total"]) / 1000)


# --- iRacing -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bathurst() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    path = real_file("iracing", "iracing_2021_bathurst_hosted_multiclass_36788868.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    race = next(s for s in doc["session_results"] if s["simsession_type"] == 6)
    return race["results"], classify_json(path)


def test_iracing_order_laps_and_statuses_are_the_games(bathurst) -> None:
    results, rows = bathurst
    game = sorted(results, key=lambda r: r["finish_position"])
    assert [(r["number"], r["drivers"], r["laps"], r["status"]) for r in rows] == [
        (g["livery"]["car_number"], [g["display_name"]], g["laps_complete"],
         "classified" if g["reason_out"] == "Running" else g["reason_out"])
        for g in game
    ]
    assert [r["position"] for r in rows] == [g["finish_position"] + 1 for g in game]


def test_iracing_gaps_are_the_stated_intervals_and_a_lapped_car_is_a_lap_down(bathurst) -> None:
    results, rows = bathurst
    game = sorted(results, key=lambda r: r["finish_position"])
    assert rows[0]["gap"] is None
    for row, g in zip(rows[1:], game[1:], strict=True):
        if g["interval"] >= 0:
            assert row["gap"] == pytest.approx(g["interval"] / 10_000, abs=0.0006)
        else:
            assert row["gap"] == "1 Lap"
    winner = game[0]
    assert rows[0]["race_time"] == pytest.approx(
        winner["average_lap"] * winner["laps_complete"] / 10_000, abs=0.001
    )


def test_rfactor2_qualifying_keeps_cars_that_share_a_number_apart() -> None:
    """Three Sebring cars are #01 and two #31: each keeps its own driver and best lap."""
    path = real_file("rfactor2", "rf2_2013_sebring_lolat280_qualify.xml")
    game = {d["name"]: d for d in rf2_qualifying(path)}
    rows = classify_json(path)
    assert [r["drivers"] for r in rows] == [
        [name] for name, _ in sorted(game.items(), key=lambda kv: kv[1]["position"])
    ]
    assert [r["best_lap"] for r in rows] == [game[r["drivers"][0]]["best"] for r in rows]


def rf2_qualifying(path: Path) -> list[dict[str, Any]]:
    root = ET.fromstring(re.sub(r"^<\?xml[^>]*\?>", "", path.read_text(encoding="latin-1")))
    return [
        {"name": (d.findtext("Name") or "").strip(), "position": int(d.findtext("Position") or 0),
         "best": float(d.findtext("BestLapTime") or 0)}
        for d in root.iter("Driver")
    ]
