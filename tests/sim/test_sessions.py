"""Files holding several sessions: `--sessions` lists them, `--session` picks one, and each
command takes the session it is about by default (the race to classify, the qualifying to grid).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain import InputError
from pitboard.domain.timing import SessionKind, TimingSession, pick_session
from tests.conftest import real_file

runner = CliRunner()
BATHURST = ("iracing", "iracing_2021_bathurst_hosted_multiclass_36788868.json")


def _json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    document: dict[str, Any] = json.loads(result.output)
    return document


@pytest.fixture(scope="module")
def bathurst() -> tuple[Path, dict[int, dict[str, Any]]]:
    """The file, and its sessions by iRacing simsession_type as the file states them."""
    path = real_file(*BATHURST)
    doc = json.loads(path.read_text(encoding="utf-8"))
    return path, {s["simsession_type"]: s for s in doc["session_results"]}


def _game_order(session: dict[str, Any]) -> list[str]:
    return [r["livery"]["car_number"]
            for r in sorted(session["results"], key=lambda r: r["finish_position"])]


@pytest.mark.real_data
def test_sessions_are_listed_in_the_order_they_were_run(bathurst) -> None:
    path, _ = bathurst
    listed = _json("classify", str(path), "--sessions")["sessions"]
    assert [(s["number"], s["name"], s["kind"]) for s in listed] == [
        (1, "PRACTICE", "practice"), (2, "QUALIFY", "qualifying"), (3, "RACE", "race")]
    assert all(s["cars"] == 17 for s in listed)
    table = runner.invoke(app, ["classify", str(path), "--sessions"], env={"COLUMNS": "80"})
    assert "QUALIFY" in table.output
    assert max(len(line) for line in table.output.splitlines()) <= 80


@pytest.mark.real_data
def test_qualifying_takes_the_files_qualifying_not_the_race(bathurst) -> None:
    path, sessions = bathurst
    document = _json("qualifying", str(path))
    assert document["session"]["name"] == "QUALIFY"
    rows = document["classification"]
    assert [r["number"] for r in rows] == _game_order(sessions[5])
    pole = min((r for r in sessions[5]["results"] if r["best_lap_time"] > 0),
               key=lambda r: r["best_lap_time"])
    assert rows[0]["best_lap"] == pole["best_lap_time"] / 10_000


@pytest.mark.real_data
def test_classify_takes_the_race_unless_a_session_is_picked(bathurst) -> None:
    path, sessions = bathurst
    assert _json("classify", str(path))["session"]["name"] == "RACE"
    for choice in ("1", "practice", "Practice"):
        document = _json("classify", str(path), "--session", choice)
        assert document["session"]["name"] == "PRACTICE"
        assert [r["number"] for r in document["classification"]] == _game_order(sessions[3])
    assert _json("qualifying", str(path), "--session", "3")["session"]["name"] == "RACE"


@pytest.mark.real_data
def test_a_session_the_file_does_not_hold_is_a_problem_naming_those_it_does(bathurst) -> None:
    path, _ = bathurst
    result = runner.invoke(app, ["classify", str(path), "--session", "warmup"])
    assert result.exit_code == 2
    assert ("--session: expected a session of the file: 1 (PRACTICE), 2 (QUALIFY, qualifying), "
            "3 (RACE), found 'warmup'") in result.output


@pytest.mark.real_data
def test_the_stated_best_lap_number_is_read(bathurst) -> None:
    path, sessions = bathurst
    stated = {r["livery"]["car_number"]: r["best_lap_num"] for r in sessions[6]["results"]
              if r["best_lap_time"] > 0}
    rows = _json("classify", str(path))["classification"]
    assert {r["number"]: r["best_lap_number"] for r in rows if r["best_lap"]} == stated
    assert all(r["best_lap_number"] is None for r in rows if r["best_lap"] is None)


@pytest.mark.real_data
def test_a_one_session_file_takes_its_own_name_or_number() -> None:
    path = real_file("alkamel", "wec_2019_spa_6h_race_analysis_hour6.csv")
    assert [s["kind"] for s in _json("classify", str(path), "--sessions")["sessions"]] == ["race"]
    picked = _json("classify", str(path), "--session", "1")["classification"]
    assert picked == _json("classify", str(path))["classification"]
    result = runner.invoke(app, ["classify", str(path), "--session", "2"])
    assert result.exit_code == 2
    assert "expected a session of the file: 1 (" in result.output


def test_picking_prefers_the_kind_asked_for_then_the_last_race() -> None:
    practice, quali, race1, race2 = (
        TimingSession(kind=kind, name=name) for kind, name in (
            (SessionKind.PRACTICE, "P"), (SessionKind.QUALIFYING, "Q"),
            (SessionKind.RACE, "Race"), (SessionKind.RACE, "Race2")))
    held = (practice, quali, race1, race2)
    assert pick_session(held, None, SessionKind.RACE, "f") is race2
    assert pick_session(held, None, SessionKind.QUALIFYING, "f") is quali
    assert pick_session((practice, race1), None, SessionKind.QUALIFYING, "f") is race1
    assert pick_session((practice,), None, SessionKind.QUALIFYING, "f") is practice
    assert pick_session(held, "qualifying", SessionKind.RACE, "f") is quali  # a kind
    assert pick_session(held, "race", SessionKind.QUALIFYING, "f") is race1  # a name first
    assert pick_session(held, "RACE2", SessionKind.QUALIFYING, "f") is race2
    assert pick_session(held[:3], "race", SessionKind.QUALIFYING, "f") is race1
    assert pick_session(held, " 3 ", SessionKind.QUALIFYING, "f") is race1
    assert pick_session((practice, race2), "race", SessionKind.PRACTICE, "f") is race2
    with pytest.raises(InputError, match="found '5'"):
        pick_session(held, "5", SessionKind.RACE, "f")
