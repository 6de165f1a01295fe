"""`pitboard import FOLDER` takes a league folder: a season file beside the sim result files."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import real_file
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.engine.standings import season_standings
from pitboard.ingest import load_league_folder
from pitboard.office import open_store

LEAGUE = "test-league/2013"


def league_folder(tmp_path: Path) -> Path:
    """Two rounds of real rFactor 2 races (linked in place, never copied) and a season file."""
    folder = tmp_path / "league"
    folder.mkdir()
    files = {
        "r1_sebring_race.xml": "rf2_2013_sebring_lolat280_20min_race.xml",
        "r1_sebring_qualify.xml": "rf2_2013_sebring_lolat280_qualify.xml",
        "r2_topeka_race.xml": "rf2_2013_topeka_megane_20min_race_with_penalties.xml",
    }
    for name, real in files.items():
        (folder / name).symlink_to(real_file("rfactor2", real))
    (folder / "season.yaml").write_text(
        "series: {id: test-league, name: Test League}\n"
        'season: "2013"\n'
        "rules: {points: [10, 8, 6, 5, 4, 3, 2, 1], pole_points: 1}\n",
        encoding="utf-8",
    )
    return folder


def test_a_league_folder_imports_as_one_season_with_its_laps(
    database_url: str, tmp_path: Path
) -> None:
    folder = league_folder(tmp_path)
    runner = CliRunner()
    first = runner.invoke(app, ["import", str(folder), "--database", database_url])
    assert first.exit_code == 0, first.output
    again = runner.invoke(app, ["import", str(folder), "--database", database_url])
    assert again.exit_code == 0 and "unchanged" in again.output
    store = open_store(database_url)
    try:
        view = store.view(LEAGUE)
        assert view is not None
        loaded = load_league_folder(folder)
        assert view.tables == season_standings(loaded.season, loaded.rules)
        jo = next(r for t in view.tables if t.kind.value == "drivers"
                  for r in t.rows if r.name == "Jo Bonnier")
        assert jo.total == 9  # second at Sebring (8) and the class pole (1)
    finally:
        store.close()


def test_a_folder_without_a_season_file_is_explained(database_url: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["import", str(tmp_path), "--database", database_url])
    assert result.exit_code == 2
    assert "league folder" in result.output
