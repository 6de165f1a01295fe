"""The `pitboard` command: its commands, flags and JSON shape are contracts (docs/cli.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.ingest.catalog import DATA_DIR
from tests.record import aslms_2013 as record

RESULTS_2013 = DATA_DIR / "asian-le-mans-series" / "2013" / "results.csv"
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_seasons_lists_the_bundled_record() -> None:
    code, out, _ = run("seasons", "--format", "json")
    assert code == 0
    ids = [s["id"] for s in json.loads(out)]
    assert ids == [f"asian-le-mans-series/{name}" for name in (
        "2009", "2013", "2014", "2015-16", "2016-17", "2017-18", "2018-19")] + [
        "pitboard-demo/2026"]


def test_standings_default_to_2013_with_the_documented_json_shape() -> None:
    code, out, _ = run("standings", "--class", "GTC", "--table", "teams", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["schema"] == 1
    assert doc["season"]["id"] == "asian-le-mans-series/2013"
    assert [r["status"] for r in doc["rounds"]].count("cancelled") == 3
    (table,) = doc["standings"]
    assert (table["class"], table["table"]) == ("GTC", "teams")
    first = table["rows"][0]
    assert set(first) >= {"position", "name", "team", "number", "points", "total"}
    assert first == first | {"position": 1, "name": "AF Corse", "team": "AF Corse",
                             "number": "77", "total": 87,
                             "points": {"1": 25, "2": 18, "3": 26, "4": 18}}
    craft = next(r for r in table["rows"] if r["name"] == "#007 Craft Racing")
    assert (craft["team"], craft["number"]) == ("Craft Racing", "007")
    clearwater = next(r for r in table["rows"] if r["name"] == "Clearwater Racing")
    assert "1" not in clearwater["points"] or clearwater["points"]["1"] is None
    bbt = next(r for r in table["rows"] if r["name"] == "BBT Racing")
    assert bbt["points"]["2"] == 0


def test_standings_from_a_results_csv_with_rules_as_options() -> None:
    code, out, _ = run(
        "standings", str(RESULTS_2013), "--points", "25,18,15,12,10,8,6,4,2,1",
        "--pole-points", "1", "--format", "json",
    )
    assert code == 0
    doc = json.loads(out)
    tables = {(t["class"], t["table"]): t for t in doc["standings"]}
    for class_code, rows in record.TEAMS.items():
        got = {r["name"]: r for r in tables[(class_code, "teams")]["rows"]}
        for _, name, per_round, total in rows:
            assert got[name]["total"] == total
            for number, points in enumerate(per_round, start=1):
                assert got[name]["points"].get(str(number)) == points
    drivers = {r["name"]: r["total"] for r in tables[("LMP2", "drivers")]["rows"]}
    assert drivers == {name: total for _, name, _, total in record.DRIVERS["LMP2"]}
    # Places too, with the default tie-breaks alone (no season file, no recorded decision).
    for class_code, rows in record.TEAMS.items():
        got = {r["name"]: r["position"] for r in tables[(class_code, "teams")]["rows"]}
        assert got == {name: position for position, name, _, _ in rows}
    for class_code in ("LMP2", "GTE"):
        got = {r["name"]: r["position"] for r in tables[(class_code, "drivers")]["rows"]}
        assert got == {name: position for position, name, _, _ in record.DRIVERS[class_code]}


def test_rule_options_change_the_figures() -> None:
    args = ["standings", str(RESULTS_2013), "--points", "10,6,4,3,2,1", "--pole-points", "0",
            "--class", "LMP2", "--table", "teams", "--format", "json"]
    code, out, _ = run(*args)
    assert code == 0
    rows = json.loads(out)["standings"][0]["rows"]
    # Two wins and two seconds each; KCMG won first (Inje), so the default tie-break puts it ahead.
    assert [(r["position"], r["name"], r["total"]) for r in rows] == [
        (1, "KCMG", 32), (2, "OAK Racing", 32), (3, "Craft Racing", 4)
    ]
    code, out, _ = run(*args, "--tie-break", "countback")
    rows = json.loads(out)["standings"][0]["rows"]
    # Countback alone leaves them level: they share first.
    assert [(r["position"], r["name"]) for r in rows] == [
        (1, "KCMG"), (1, "OAK Racing"), (2, "Craft Racing")
    ]


@pytest.mark.parametrize("fmt", ["table", "csv", "markdown"])
def test_standings_text_formats(fmt: str) -> None:
    code, out, _ = run("standings", "2013", "--class", "LMP2", "--format", fmt)
    assert code == 0
    assert "David Cheng" in out and "89" in out


def test_results_shows_a_round_with_its_grid() -> None:
    code, out, _ = run("results", "2009", "1", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert [q["number"] for q in doc["qualifying"][-2:]] == ["61", "91"]
    race2 = doc["races"][1]
    gt2 = next(c for c in race2["classes"] if c["class"] == "GT2")
    assert gt2["rows"][0]["number"] == "89" and gt2["rows"][0]["points"] == 25


def test_a_broken_results_csv_exits_2_with_every_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("round,class,pos,number,team,drivers\n1,GT,x,7,T,A\n1,GT,1,,,B\n")
    code, out, err = run("standings", str(bad))
    assert code == 2
    assert f"{bad}:2: pos:" in err and f"{bad}:3: team:" in err
    assert "Traceback" not in out + err


def test_unknown_season_and_class_are_explained() -> None:
    code, _, err = run("standings", "1999")
    assert code == 2 and "bundled season" in err
    code, _, err = run("standings", "--class", "LMP9")
    assert code == 2 and "LMP2" in err


def test_the_installed_command_runs_without_a_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.csv"
    done = subprocess.run(
        [sys.executable, "-m", "pitboard", "standings", str(missing)],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "nowhere.csv" in done.stderr
