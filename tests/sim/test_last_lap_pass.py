"""A real 15-minute rFactor 2 race whose leader at time-out is passed on the last lap.

The game's own verdicts (Position, Laps, FinishTime, FinishStatus and the "Checkered for Jani"
line of its event stream) are read from the file with ElementTree, not through pitboard's reader,
and `pitboard classify` must agree with them.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from tests.conftest import sim_sample

MID_OHIO = sim_sample("rfactor2", "rf2_2013_mid_ohio_gt2_15min_race.xml")
runner = CliRunner()


@pytest.fixture(scope="module")
def game() -> dict[str, dict[str, Any]]:
    """Each <Driver> as the game wrote it, by name, with the race clock of its crossings."""
    root = ET.parse(MID_OHIO).getroot()
    race = root.find("RaceResults/Race")
    assert race is not None
    drivers = {}
    for d in race.iter("Driver"):
        finish = d.findtext("FinishTime")
        drivers[d.findtext("Name") or ""] = {
            "position": int(d.findtext("Position") or 0),
            "laps": int(d.findtext("Laps") or 0),
            "finish": float(finish) if finish else None,
            "status": d.findtext("FinishStatus"),
            "lap_starts": {int(lap.get("num", "")): float(lap.get("et", ""))
                           for lap in d.iter("Lap") if lap.get("et", "-")[0] != "-"},
        }
    return drivers


@pytest.fixture(scope="module")
def rows() -> list[dict[str, Any]]:
    result = runner.invoke(app, ["classify", str(MID_OHIO), "--format", "json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    rows: list[dict[str, Any]] = document["classification"]
    rows[0]["finish_time"] = document["session"]["finish_time"]
    return rows


def test_the_leader_when_time_runs_out_is_not_the_one_the_flag_waits_for(game) -> None:
    """The file itself shows the situation: 900 s in, Tig_green has completed lap 10 first, and
    Jani is the first to complete lap 11; the stream names Jani as the one flagged."""
    race_start = min(d["lap_starts"][1] for d in game.values() if 1 in d["lap_starts"])
    time_out = race_start + 15 * 60
    lap_10 = {name: d["lap_starts"][11] for name, d in game.items() if 11 in d["lap_starts"]}
    assert max(lap_10.values()) < time_out
    assert min(lap_10, key=lap_10.__getitem__) == "Tig_green"
    assert min((d["finish"], name) for name, d in game.items() if d["finish"])[1] == "Jani"
    assert "Checkered for Jani, laps=11" in MID_OHIO.read_text()


def test_the_first_car_across_the_line_after_time_wins(game, rows) -> None:
    winner = rows[0]
    assert winner["drivers"] == ["Jani"]
    assert game["Jani"]["position"] == 1
    assert (winner["status"], winner["took_flag"]) == ("classified", True)
    assert winner["finish_time"] == pytest.approx(game["Jani"]["finish"], abs=0.0006)
    assert winner["race_time"] == pytest.approx(game["Jani"]["finish"], abs=0.0006)


def test_every_finisher_is_classified_on_the_games_laps_and_time(game, rows) -> None:
    finishers = {n: d for n, d in game.items() if d["status"] == "Finished Normally"}
    by_driver = {row["drivers"][-1]: row for row in rows}
    for name, stated in finishers.items():
        row = by_driver[name]
        assert (row["status"], row["laps"], row["took_flag"]) == ("classified", stated["laps"],
                                                                  True)
        assert row["race_time"] == pytest.approx(stated["finish"], abs=0.0006)
    on_lead_lap = sorted((d["position"], n) for n, d in finishers.items() if d["laps"] == 11)
    assert [r["drivers"][-1] for r in rows[:3]] == [n for _, n in on_lead_lap]
    assert [r["gap"] for r in rows[1:3]] == pytest.approx(
        [game[n]["finish"] - game["Jani"]["finish"] for _, n in on_lead_lap[1:]], abs=0.001)


def test_cars_whose_every_lap_is_corrupted_are_retired_behind_the_finishers(game, rows) -> None:
    """cookie and sergec left the race: no lap has a time or a clock and the game states no
    finish. They are not classified; among the retirements they keep the game's order by laps."""
    corrupted = [n for n, d in game.items() if d["status"] == "None"]
    assert sorted(corrupted) == ["cookie", "sergec"]
    classified = [r for r in rows if r["status"] == "classified"]
    retired = [r for r in rows if r["status"] != "classified"]
    assert rows == classified + retired
    for row in rows:
        if row["drivers"][-1] in corrupted:
            assert (row["status"], row["took_flag"], row["race_time"]) == ("DNF", False, None)
            assert row["laps"] == game[row["drivers"][-1]]["laps"]
    stated = sorted(retired, key=lambda r: game[r["drivers"][-1]]["position"])
    assert [r["drivers"] for r in retired] == [r["drivers"] for r in stated]


def test_an_empty_driver_swap_names_no_driver(rows) -> None:
    """A <Swap> element with no name is left out: the car's driver drove every lap."""
    for row in rows:
        assert "" not in row["drivers"]
        assert all(d["name"] for d in row["driving"])
    cookie = next(r for r in rows if r["drivers"] == ["cookie"])
    assert [(d["name"], d["laps"]) for d in cookie["driving"]] == [("cookie", 8)]


def test_a_pit_stop_the_file_gives_no_time_for_has_no_pit_time(rows) -> None:
    """rFactor 2 marks the lap that ended in the pits but not how long the stop took."""
    stopped = next(r for r in rows if r["drivers"] == ["mauserrifle"])
    assert (stopped["pit_stops"], stopped["pit_time"]) == (1, None)
    assert all(r["pit_time"] == 0.0 for r in rows if r["pit_stops"] == 0)


def test_the_terminal_table_puts_the_winner_first_and_names_no_empty_driver() -> None:
    result = runner.invoke(app, ["classify", str(MID_OHIO)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    first = next(line for line in result.output.splitlines() if re.match(r" *1 ", line))
    assert "Jani" in first
    assert " / cookie" not in result.output
