"""`pitboard recordbook` turns a published page's race tables into a results CSV that scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from tests.conftest import (
    read_results,
    shared_dir,
)

runner = CliRunner()


def _okayama_seed() -> Path:
    found = sorted((shared_dir() / "seeds").glob("000_*.txt"))
    if not found:
        pytest.skip("../shared/seeds is not beside the project")
    return found[0]


def test_the_okayama_page_becomes_a_two_race_results_csv_that_scores(tmp_path: Path) -> None:
    out = tmp_path / "okayama.csv"
    result = runner.invoke(app, ["recordbook", str(_okayama_seed()), "--output", str(out)])
    assert result.exit_code == 0, result.stderr
    results = read_results(out)
    (races,) = results.rounds.values()
    assert sorted(races) == [1, 2] and len(races[1]) == len(races[2]) == 23
    scored = runner.invoke(app, ["standings", str(out), "--class", "GT1", "--table", "teams",
                                 "--pole-points", "0", "--format", "json"])
    rows = json.loads(scored.stdout)["standings"][0]["rows"]
    assert {r["name"]: r["total"] for r in rows} == {
        "#69 JLOC": 43, "Hitotsuyama Team Nova": 43, "Larbre Compétition": 15, "#68 JLOC": 12,
    }


def test_a_page_without_race_tables_is_explained(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text("| Rnd | Circuit |\n| 1 | Inje |\n", encoding="utf-8")
    result = runner.invoke(app, ["recordbook", str(page)])
    assert result.exit_code == 2
    assert "race table" in result.stderr


def _page(tmp_path: Path, first_cell: str) -> Path:
    page = tmp_path / "page.wiki"
    page.write_text(
        '{| class="wikitable"\n! Pos !! Class !! No !! Team !! Drivers !! Chassis !! Laps\n'
        f"|-\n| {first_cell} || LMP1 || 17 || Sora Racing || A B || Pescarolo 01 || 126\n"
        "|-\n| 2 || LMP1 || 10 || Oreca || C D || Oreca 01 || 126\n|}\n",
        encoding="utf-8",
    )
    return page


@pytest.mark.parametrize("pos", ["²", "9" * 5000, "9" * 5000 + " DNF"])
def test_a_place_that_is_no_plain_number_is_located(tmp_path: Path, pos: str) -> None:
    result = runner.invoke(app, ["recordbook", str(_page(tmp_path, pos))])
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'page.wiki'}:4: Pos: expected a place" in result.stderr


def test_a_huge_colspan_is_laid_out_as_a_browser_would(tmp_path: Path) -> None:
    """colspan="999999999" is 1000 columns, as HTML caps it, not a billion cells."""
    page = _page(tmp_path, '1 || colspan="999999999" | LMP1')
    result = runner.invoke(app, ["recordbook", str(page)])
    assert result.exit_code == 2, result.output  # the row is far too wide: its cells misread
    assert f"{page}:4:" in result.stderr
