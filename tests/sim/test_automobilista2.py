"""Automobilista 2 / Project CARS 2 server statistics: each stage with results is a session.

The expected figures are read from the file with the json module (its `//` comment lines
removed), not through pitboard's reader.
"""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain.timing import SessionKind
from pitboard.formats.automobilista2 import parse_ams2_sessions
from tests.conftest import read_timing_sessions, reader_of, sim_sample

runner = CliRunner()
IMOLA = sim_sample("automobilista2", "ams2_2020_imola_sms_stats_practice_and_race.json")


def _stages() -> dict[str, list[dict[str, Any]]]:
    text = "\n".join(line for line in IMOLA.read_text(encoding="utf-8").splitlines()
                     if not line.lstrip().startswith("//"))
    doc = json.loads(text)
    return {key: stage["results"] for entry in doc["stats"]["history"]
            for key, stage in entry["stages"].items() if stage["results"]}


def _json(*args: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.output)["classification"]
    return rows


def test_the_stages_with_results_are_the_sessions() -> None:
    assert reader_of(IMOLA).name == "ams2-sms-stats-json"
    sessions = read_timing_sessions(IMOLA)
    assert [(s.name, s.kind) for s in sessions] == [
        ("practice1", SessionKind.PRACTICE), ("race1", SessionKind.RACE)]
    race = sessions[-1]
    assert (race.event, race.track, str(race.date)) == (
        "TeamASRT Open P3", "Imola_GP_2018", "2020-07-06")


def test_the_race_is_the_servers_order_laps_and_times() -> None:
    results = _stages()["race1"]
    rows = _json("classify", str(IMOLA))
    assert rows[0]["drivers"] == ["DragiGus"]
    assert [r["drivers"][0] for r in rows] == [r["name"] for r in results]
    for row, stated in zip(rows, results, strict=True):
        attributes = stated["attributes"]
        assert (row["laps"], row["race_time"], row["best_lap"]) == (
            attributes["Lap"], attributes["TotalTime"] / 1000,
            attributes["FastestLapTime"] / 1000)
        assert row["status"] == "classified"
    assert rows[-1]["gap"] == "1 Lap"
    assert {(r["vehicle"], r["class"]) for r in rows} == {
        ("Roco 001", "P3"), ("MetalMoro MRX Duratec Turbo P3", "P3")}


def test_practice_is_ordered_by_the_fastest_lap() -> None:
    results = _stages()["practice1"]
    rows = _json("qualifying", str(IMOLA), "--session", "practice1")
    assert [r["drivers"][0] for r in rows] == [r["name"] for r in results]
    assert rows[0]["best_lap"] == 107.382


def test_lua_tables_written_as_objects_and_lap_events_are_read() -> None:
    """The addon writes a list keyed 1..n as a JSON list and any other as an object."""
    stage = {"start_time": 1594066346, "end_time": 1594066500, "results": {
        "0": {"name": "A", "participantid": 3, "refid": 7, "attributes": {
            "RacePosition": 1, "Lap": 2, "TotalTime": 200_000, "FastestLapTime": 99_000,
            "State": "Finished", "VehicleId": 802736208}},
        "1": {"name": "B", "participantid": 4, "refid": 8, "attributes": {
            "RacePosition": 2, "Lap": 1, "TotalTime": 0, "FastestLapTime": 0,
            "State": "Retired", "VehicleId": 123}}},
        "events": [
            {"event_name": "Lap", "participantid": 3, "attributes": {
                "Lap": 0, "LapTime": 101_000, "Sector1Time": 30_000, "Sector2Time": 40_000,
                "Sector3Time": 31_000, "CountThisLapTimes": 1}},
            {"event_name": "Impact", "participantid": 3, "attributes": {}},
            {"event_name": "Lap", "participantid": 3, "attributes": {
                "Lap": 1, "LapTime": 99_000, "CountThisLapTimes": 0}}]}
    doc = {"stats": {"server": {"name": "S"}, "history": [
        {"members": {"7": {"name": "A", "steamid": "765"}},
         "setup": {"TrackId": 731129913, "VehicleClassId": 829452122},
         "stages": {"race1": stage}}]}}
    data = ("// Persistent data for addon 'sms_stats'\n" + json.dumps(doc, indent=1)
            + "\n// EOF //\n").encode()
    (race,) = parse_ams2_sessions(data, "sms_stats_data.json")
    first, second = race.cars
    assert [(lap.number, lap.time_seconds, lap.valid) for lap in first.laps] == [
        (1, 101.0, True), (2, 99.0, False)]
    assert first.laps[0].sectors == (30.0, 40.0, 31.0)
    assert first.drivers[0].source_id == "765"
    assert (second.vehicle, second.class_code, second.stated_status.value) == (
        "123", "P3", "DNF")  # an id the server's list lacks stays the id
