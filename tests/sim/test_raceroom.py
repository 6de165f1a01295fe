"""RaceRoom dedicated-server results: every session of the event, the game's order and verdicts.

The expected figures are read from each file with the json module, not through pitboard's
reader: each session's `Players` in the game's `Position` order, their `FinishStatus`,
`TotalTime`, `BestLapTime` and laps.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain import InputError
from pitboard.domain.timing import SessionKind
from pitboard.formats.raceroom import parse_raceroom_sessions
from tests.conftest import read_timing_sessions, reader_of, sim_sample

runner = CliRunner()
PORTIMAO = sim_sample("raceroom", "r3e_2016_portimao_qualify_and_race.json")
SHANGHAI = sim_sample("raceroom", "r3e_2017_shanghai_nsu_finish_status_none.json")
RED_BULL_RING = sim_sample("raceroom", "r3e_2020_redbullring_tcr_practice_qualify_race.json")
STATUSES = {"Finished": "classified", "DidNotFinish": "DNF", "Disqualified": "DSQ"}


def _game(path: Path, session_type: str) -> list[dict[str, Any]]:
    doc = json.loads(path.read_text(encoding="utf-8"))
    session = next(s for s in doc["Sessions"] if s["Type"] == session_type)
    return sorted(session["Players"], key=lambda p: p["Position"])


def _json(*args: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.output)["classification"]
    return rows


@pytest.mark.parametrize("path", [PORTIMAO, SHANGHAI, RED_BULL_RING],
                         ids=["2016", "2017", "2020"])
def test_every_session_is_read_in_the_order_run(path: Path) -> None:
    assert reader_of(path).name == "raceroom-json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    sessions = read_timing_sessions(path)
    assert [s.name for s in sessions] == [s["Type"] for s in doc["Sessions"]]
    assert sessions[-1].kind is SessionKind.RACE
    assert [len(s.cars) for s in sessions] == [len(s["Players"]) for s in doc["Sessions"]]


def test_the_2020_race_is_the_games_order_times_and_verdicts() -> None:
    game = _game(RED_BULL_RING, "Race")
    rows = _json("classify", str(RED_BULL_RING))
    assert rows[0]["drivers"] == ["Bence"]
    assert [r["drivers"][0] for r in rows] == [p["FullName"] for p in game]
    assert [r["status"] for r in rows] == [STATUSES[p["FinishStatus"]] for p in game]
    for row, player in zip(rows, game, strict=True):
        assert row["race_time"] == (player["TotalTime"] / 1000 if player["TotalTime"] > 0
                                    else None)
        assert row["best_lap"] == (player["BestLapTime"] / 1000 if player["BestLapTime"] > 0
                                   else None)
        assert row["laps"] == len(player["RaceSessionLaps"])
        assert (row["number"], row["class"]) == ("", player["Car"])
    assert rows[1]["gap"] == pytest.approx(1.960)
    assert rows[2]["gap"] == pytest.approx(2.517)


def test_laps_keep_their_validity_and_sectors_from_the_cumulative_splits() -> None:
    game = _game(RED_BULL_RING, "Race")
    (*_, race) = read_timing_sessions(RED_BULL_RING)
    for car, player in zip(race.cars, game, strict=True):
        for lap, stated in zip(car.laps, player["RaceSessionLaps"], strict=True):
            assert lap.valid is stated["Valid"]
            splits = stated["SectorTimes"]
            if min(splits) > 0:
                assert [round(s * 1000) for s in lap.sectors] == [
                    b - a for a, b in zip([0, *splits[:-1]], splits, strict=True)]
    winner = race.cars[0]
    assert min(lap.time_seconds for lap in winner.laps if lap.valid) == 97.152


def test_qualifying_and_practice_are_picked_by_the_commands() -> None:
    qualifying = _json("qualifying", str(RED_BULL_RING))
    assert [r["drivers"][0] for r in qualifying] == [
        p["FullName"] for p in _game(RED_BULL_RING, "Qualify")]
    practice = _json("classify", str(RED_BULL_RING), "--session", "practice")
    game = _game(RED_BULL_RING, "Practice")
    assert [r["drivers"][0] for r in practice] == [p["FullName"] for p in game]
    assert [r["best_lap"] for r in practice[-3:]] == [None, None, None]


def test_the_2016_race_keeps_the_games_winner_and_puts_the_disqualified_car_last() -> None:
    game = _game(PORTIMAO, "Race")
    rows = _json("classify", str(PORTIMAO))
    assert [(r["drivers"][0], r["status"]) for r in rows] == [
        ("chin matsuo", "classified"), ("nois oh", "classified"),
        ("Akihiro Nakao", "DNF"), ("tak kos", "DSQ")]
    assert rows[1]["gap"] == pytest.approx((game[1]["TotalTime"] - game[0]["TotalTime"]) / 1000)


def test_a_lapped_cars_unfinished_last_lap_is_not_counted_and_no_status_is_no_verdict() -> None:
    """2017: every FinishStatus is None and every TotalTime 0: the order is the game's, by laps;
    the cars a lap down end with an untimed entry, the lap they were on at the finish."""
    game = _game(SHANGHAI, "Race")
    rows = _json("classify", str(SHANGHAI))
    assert [r["drivers"][0] for r in rows] == [p["FullName"] for p in game]
    timed = [sum(1 for lap in p["RaceSessionLaps"] if lap["Time"] > 0) for p in game]
    assert [r["laps"] for r in rows] == timed == [13, 13, 13, 13, 12, 12, 12, 8]
    assert [r["status"] for r in rows] == ["classified"] * 7 + ["NC"]  # 8 of 13 laps


def test_an_unknown_finish_status_is_reported_at_its_player() -> None:
    doc = json.loads(PORTIMAO.read_text(encoding="utf-8"))
    doc["Sessions"][1]["Players"][0]["FinishStatus"] = "Teleported"
    with pytest.raises(InputError) as caught:
        parse_raceroom_sessions(json.dumps(doc, indent=1).encode(), "odd.json")
    (problem,) = caught.value.problems
    assert (problem.field, problem.found) == ("Sessions[1].Players[0].FinishStatus",
                                              "'Teleported'")
    assert problem.line is not None
