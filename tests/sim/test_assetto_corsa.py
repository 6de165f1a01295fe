"""Assetto Corsa server results: `pitboard classify` gives the server's own order and times.

The expected figures are read from each file with the json module, not through pitboard's
reader: the server's `Result` order, each car's `TotalTime` and `BestLap`, its laps in `Laps`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from tests.conftest import read_timing_path, reader_of, sim_sample

runner = CliRunner()
BARBAGALLO = sim_sample("assetto-corsa", "ac_2019_barbagallo_rss4_race.json")
NURBURGRING = sim_sample("assetto-corsa", "ac_2019_nurburgring_sprint_race_server_manager.json")


def _server(path: Path) -> tuple[list[dict[str, Any]], dict[int, list[dict[str, Any]]]]:
    """The server's results without its empty slots, and each slot's laps."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    laps: dict[int, list[dict[str, Any]]] = {}
    for lap in doc["Laps"]:
        laps.setdefault(lap["CarId"], []).append(lap)
    results = [r for r in doc["Result"] if r["DriverName"] or r["CarId"] in laps]
    return results, laps


def _rows(path: Path) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["classify", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.output)["classification"]
    return rows


@pytest.mark.parametrize("path", [BARBAGALLO, NURBURGRING], ids=["server", "server manager"])
def test_the_order_times_and_laps_are_the_servers(path: Path) -> None:
    assert reader_of(path).name == "assetto-corsa-json"
    results, laps = _server(path)
    rows = _rows(path)
    assert [r["drivers"][0] for r in rows] == [r["DriverName"] for r in results]
    assert rows[0]["drivers"] == ["Joseph Elton"]
    for row, stated in zip(rows, results, strict=True):
        assert row["laps"] == len(laps.get(stated["CarId"], []))
        assert row["race_time"] == (stated["TotalTime"] / 1000 if stated["TotalTime"] else None)
        assert row["best_lap"] == (stated["BestLap"] / 1000
                                   if stated["BestLap"] < 999_999_999 else None)
        assert (row["number"], row["class"]) == ("", stated["CarModel"])


def test_the_winners_last_crossing_is_the_flag_and_a_car_that_stopped_is_dnf() -> None:
    """Barbagallo: Callum Jones's last crossing is 98 s before Joseph Elton's fifth."""
    _, laps = _server(BARBAGALLO)
    rows = _rows(BARBAGALLO)
    assert (rows[0]["status"], rows[0]["took_flag"]) == ("classified", True)
    jones = rows[1]
    assert laps[0][-1]["Timestamp"] < laps[1][-1]["Timestamp"] - 90_000
    assert (jones["drivers"], jones["status"], jones["took_flag"]) == (["Callum Jones"], "DNF",
                                                                      False)
    assert {r["status"] for r in rows[2:]} == {"DNS"}


def test_crossings_count_from_the_start_the_server_counts_from() -> None:
    """Each car's last crossing is its TotalTime; the others keep their spacing on the clock."""
    session = read_timing_path(NURBURGRING)
    results, laps = _server(NURBURGRING)
    for car, stated in zip(session.cars, results, strict=True):
        if not car.laps:
            continue
        assert car.laps[-1].elapsed_seconds == stated["TotalTime"] / 1000
        stamps = [lap["Timestamp"] for lap in laps[stated["CarId"]]]
        assert [lap.elapsed_seconds for lap in car.laps] == [
            (t - stamps[-1] + stated["TotalTime"]) / 1000 for t in stamps]


def test_a_car_short_of_the_distance_is_not_classified_and_one_without_laps_did_not_start(
) -> None:
    rows = _rows(NURBURGRING)
    spaceman = next(r for r in rows if r["drivers"] == ["Spaceman9795"])
    assert (spaceman["position"], spaceman["laps"], spaceman["status"]) == (7, 3, "NC")
    cheezypoof = next(r for r in rows if r["drivers"] == ["Cheezypoof"])
    assert (cheezypoof["laps"], cheezypoof["status"]) == (0, "DNS")
    assert [r["status"] for r in rows[:6]] == ["classified"] * 6


def test_a_lap_with_cuts_does_not_count_for_the_best_lap() -> None:
    """Neither file has a cut; here the winner's best lap gets two."""
    from pitboard.engine.classification import classify
    from pitboard.formats.assettocorsa import parse_assetto_corsa

    doc = json.loads(BARBAGALLO.read_text(encoding="utf-8"))
    elton = [lap for lap in doc["Laps"] if lap["DriverName"] == "Joseph Elton"]
    best = min(elton, key=lambda lap: lap["LapTime"])
    best["Cuts"] = 2
    session = parse_assetto_corsa(json.dumps(doc).encode(), "cut.json")
    winner = classify(session).cars[0]
    assert winner.drivers == ("Joseph Elton",)
    assert winner.best_lap_seconds == min(lap["LapTime"] for lap in elton if lap is not best) / 1000
    assert [lap.valid for lap in session.cars[0].laps] == [lap is not best for lap in elton]


def test_the_session_is_dated_from_the_file_name_or_server_managers_date() -> None:
    assert str(read_timing_path(NURBURGRING).date) == "2019-03-02"
    from pitboard.formats.assettocorsa import parse_assetto_corsa

    assert read_timing_path(BARBAGALLO).date is None  # the copy's name holds no date
    named = parse_assetto_corsa(BARBAGALLO.read_bytes(), "results/2019_2_15_21_16_RACE.json")
    assert (str(named.date), named.track, named.name) == ("2019-02-15", "barbagallo", "Race")
