"""`pitboard check` judges each driver's time at the wheel, measured from a race's lap data."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import real_file
from typer.testing import CliRunner

from pitboard.cli import app

runner = CliRunner()
SPA_2025 = ("alkamel", "wec_2025_spa_6h_race_analysis.csv")


def _season(tmp_path: Path, timing: Path, scheduled: int = 21600) -> Path:
    season = tmp_path / "season.yaml"
    season.write_text(f"""\
series: {{id: wec, name: FIA World Endurance Championship}}
season: "2025"
rules:
  lineup:
    classes:
      - classes: [HYPERCAR]
        driving_time:
          - {{race_hours: 6, min_seconds: "2:00:00", max_seconds: "2:30:00"}}
calendar:
  - round: 1
    name: 6 Hours of Spa-Francorchamps
    races:
      - {{number: 1, timing: {timing}, scheduled_seconds: {scheduled}}}
""", encoding="utf-8")
    return season


def test_every_hypercar_driver_outside_the_limits_is_reported(tmp_path: Path) -> None:
    timing = real_file(*SPA_2025)
    done = runner.invoke(app, ["classify", str(timing), "--format", "json"])
    classified = json.loads(done.stdout)
    expected = {
        (row["number"], d["name"])
        for row in classified["classification"] if row["class"] == "HYPERCAR"
        for d in row["driving"] if not 7200 <= d["seconds"] <= 9000
    }
    assert expected  # the limits are tight enough to catch someone
    result = runner.invoke(app, ["check", str(_season(tmp_path, timing)), "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    found = {
        (b["number"], name)
        for b in report["breaches"] if b["rule"] == "driving time"
        for name in [b["why"].split(" (", 1)[0]]
    }
    assert found == expected


def test_a_race_of_another_length_is_not_judged_by_six_hour_limits(tmp_path: Path) -> None:
    season = _season(tmp_path, real_file(*SPA_2025), scheduled=8 * 3600)
    result = runner.invoke(app, ["check", str(season), "--format", "json"])
    report = json.loads(result.stdout)
    assert not [b for b in report["breaches"] if b["rule"] == "driving time"]
