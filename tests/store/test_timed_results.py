"""A race's timing file imported into the store is classified by the season's rules, and a
penalties CSV given to that race classifies it again from its stored laps."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import real_file
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain import FinishStatus
from pitboard.office import open_store
from pitboard.store.store import Store

pytestmark = pytest.mark.real_data

SEASON = "wec/2024"


def season_file(tmp_path: Path) -> Path:
    """A season with Le Mans as its one round and nothing imported for it yet."""
    path = tmp_path / "season.yaml"
    path.write_text(
        "series: {id: wec, name: FIA WEC}\n"
        "season: 2024\n"
        "rules: {preset: wec-2021}\n"
        "classes: [{code: HYPERCAR}, {code: LMP2}, {code: LMGT3}]\n"
        "calendar:\n"
        "  - round: 4\n"
        "    name: 24 Hours of Le Mans\n"
        "    short_name: LM\n",
        encoding="utf-8",
    )
    return path


def pitboard_import(database_url: str, *args: str) -> str:
    result = CliRunner().invoke(app, ["import", *args, "--database", database_url])
    assert result.exit_code == 0, result.output
    return result.output


def lmp2_lines(store: Store) -> list[tuple[str, int | None, FinishStatus, str]]:
    view = store.view(SEASON)
    assert view is not None
    (race,) = view.season.rounds[0].races
    return [(ln.number, ln.order, ln.status, ln.note)
            for ln in race.results if ln.class_code == "LMP2"]


def lmp2_teams_order(store: Store) -> list[str]:
    view = store.view(SEASON)
    assert view is not None
    table = next(t for t in view.tables if t.class_code == "LMP2" and t.kind.value == "teams")
    return [row.name for row in table.rows]


def test_le_mans_2024_timing_classifies_the_race_and_a_time_penalty_reorders_it(
    database_url: str, tmp_path: Path
) -> None:
    timing = real_file("alkamel", "wec_2024_le_mans_24h_race_analysis.csv")
    pitboard_import(database_url, str(season_file(tmp_path)))
    pitboard_import(database_url, str(timing), "--season", SEASON, "--round", "4")
    store = open_store(database_url)
    try:
        lines = lmp2_lines(store)
        assert [n for n, *_ in lines[:2]] == ["22", "34"]  # #22 by 18.651 s (SOURCES.md)
        assert [o for _, o, *_ in lines[:2]] == [1, 2]
        assert len(lines) == 16
        timed = store.race_timing(SEASON, 4, 1)
        assert timed is not None and len(timed.cars) == 62
        teams = lmp2_teams_order(store)
        winner_team = next(ln.team for ln in store.view(SEASON).season.rounds[0].races[0].results
                           if ln.number == "22")
        assert teams[0] == winner_team
    finally:
        store.close()

    penalties = tmp_path / "penalties.csv"
    penalties.write_text("number,kind,value,reason\n22,time,20,pit lane speeding\n",
                         encoding="utf-8")
    pitboard_import(database_url, str(penalties), "--season", SEASON, "--round", "LM")
    store = open_store(database_url)
    try:
        lines = lmp2_lines(store)
        assert [n for n, *_ in lines[:2]] == ["34", "22"]  # 20 s > the 18.651 s margin
        assert lines[1][3] == "+20 s (pit lane speeding)"
        assert lmp2_teams_order(store)[0] != winner_team
    finally:
        store.close()
