"""The timing commands: JSON shape, penalties file, bad input as exit status 2, laps export."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from tests.conftest import real_file

runner = CliRunner()


@pytest.mark.real_data
def test_classify_json_after_the_2019_disqualifications(tmp_path):
    penalties = tmp_path / "penalties.csv"
    penalties.write_text("number,kind,value,reason\n85,dsq,,Fuel stint\n68,dsq,,Fuel stint\n")
    path = real_file("alkamel", "wec_2019_le_mans_24h_race_analysis_hour24.csv")
    result = runner.invoke(app, ["classify", str(path), "--penalties", str(penalties),
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["schema"] == 1
    rows = data["classification"]
    winner = rows[0]
    assert {k: winner[k] for k in ("position", "class", "class_position", "number", "laps",
                                    "status", "gap", "class_gap")} == {
        "position": 1, "class": "LMP1", "class_position": 1, "number": "8", "laps": 385,
        "status": "classified", "gap": None, "class_gap": None}
    assert winner["drivers"] == ["Sébastien BUEMI", "Kazuki NAKAJIMA", "Fernando ALONSO"]
    assert isinstance(winner["best_lap"], float)
    am = [r for r in rows if r["class"] == "LMGTE Am"]
    assert am[0]["number"] == "56"
    ford = next(r for r in rows if r["number"] == "85")
    assert ford["status"] == "DSQ"
    assert ford["penalties"][0]["reason"] == "Fuel stint"
    assert rows[2]["gap"] == "6 Laps"


def test_bad_timing_file_exits_with_status_2_and_a_located_problem(tmp_path):
    bad = tmp_path / "race.csv"
    bad.write_bytes(
        b"NUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; CROSSING_FINISH_LINE_IN_PIT; ELAPSED;"
        b"DRIVER_NAME;PIT_TIME;CLASS;TEAM;\r\n"
        b"7;1;1;3:2x.000;;3:20.000;Kamui KOBAYASHI;;HYPERCAR;Toyota;\r\n"
    )
    result = runner.invoke(app, ["classify", str(bad), "--format", "json"])
    assert result.exit_code == 2
    output = result.output.replace("\n", "")  # the console wraps long lines
    assert f"{bad}:2: LAP_TIME: expected a time like 3:28.871, found '3:2x.000'" in output
    assert "Traceback" not in result.output


def test_missing_column_exits_with_status_2(tmp_path):
    bad = tmp_path / "race.csv"
    bad.write_bytes(b"NUMBER;LAP_NUMBER;ELAPSED;CROSSING_FINISH_LINE_IN_PIT;\n7;1;3:20.000;;\n")
    result = runner.invoke(app, ["classify", str(bad)])
    assert result.exit_code == 2
    output = result.output.replace("\n", "")
    assert f"{bad}:1: DRIVER_NUMBER: expected a column named DRIVER_NUMBER" in output


@pytest.mark.real_data
def test_laps_export_to_parquet_and_csv(tmp_path):
    path = real_file("alkamel", "wec_2025_spa_6h_race_analysis.csv")
    target = tmp_path / "laps.parquet"
    result = runner.invoke(app, ["laps", str(path), "--output", str(target)])
    assert result.exit_code == 0, result.output
    frame = pl.read_parquet(target)
    assert frame.height == 4630
    assert {"number", "lap", "lap_time", "elapsed", "s1", "s3", "pit_in"} <= set(frame.columns)
    assert runner.invoke(app, ["laps", str(path), "-o", str(tmp_path / "x.txt")]).exit_code == 2


@pytest.mark.real_data
def test_classify_table_and_csv_and_qualifying_run(tmp_path):
    path = real_file("alkamel", "wec_2025_spa_6h_race_analysis.csv")
    table = runner.invoke(app, ["classify", str(path)])
    assert table.exit_code == 0
    assert "51" in table.output
    csv_out = runner.invoke(app, ["classify", str(path), "--format", "csv",
                                  "--distance-reference", "class", "--min-distance", "0.75"])
    assert csv_out.output.splitlines()[1].startswith("1,HYPERCAR,1,51,")
    quali = runner.invoke(app, ["qualifying", str(path), "--format", "json"])
    rows = json.loads(quali.output)["classification"]
    assert rows[0]["best_lap"] == min(r["best_lap"] for r in rows if r["best_lap"])


def test_a_bad_rules_file_names_line_and_field(tmp_path) -> None:
    """--rules reads YAML as the season file does: each problem at the line of its value."""
    demo = Path(__file__).resolve().parents[2] / "src/pitboard/data/pitboard-demo/2026"
    rules = tmp_path / "rules.yaml"
    rules.write_text("name: Club\npoints: [25, 18]\npole_points: lots\n", encoding="utf-8")
    result = runner.invoke(app, ["classify", str(demo / "demo-race-analysis.csv"),
                                 "--rules", str(rules)])
    assert result.exit_code == 2, result.output
    assert f"{rules}:3: pole_points: expected" in result.stderr
    season = tmp_path / "season.yaml"
    season.write_text("series: {id: x}\nrules:\n  points: [25, 18]\n  pole_points: lots\n",
                      encoding="utf-8")
    result = runner.invoke(app, ["classify", str(demo / "demo-race-analysis.csv"),
                                 "--rules", str(season)])
    assert result.exit_code == 2, result.output
    assert f"{season}:4: pole_points: expected" in result.stderr
