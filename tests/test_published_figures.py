"""Published figures against computed ones: `pitboard check` names every figure that differs
with both values (exit 1), none for 2009 and 2013; record-book standings tables read into the
`published:` section; a season kept as its published record alone breaks no command."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain import InputError
from pitboard.ingest import load_season_file
from pitboard.ingest.catalog import DATA_DIR
from tests.exports.test_recordbook_seeds import seed_page

runner = CliRunner()
SEASON_2013 = DATA_DIR / "asian-le-mans-series" / "2013"


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def copy_2013(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the bundled 2013 season with one line of its season file changed."""
    folder = tmp_path / "2013"
    shutil.copytree(SEASON_2013, folder)
    season_file = folder / "season.yaml"
    text = season_file.read_text(encoding="utf-8")
    assert text.count(old) == 1
    season_file.write_text(text.replace(old, new), encoding="utf-8")
    return season_file


@pytest.mark.parametrize("season", ["2009", "2013"])
def test_check_finds_every_published_figure_computed(season: str) -> None:
    code, out, _ = run("check", season, "--format", "json")
    report = json.loads(out)
    assert report["published"] == {"compared": True, "differences": []}
    assert code == (1 if report["breaches"] else 0)  # 2013 has line-up breaches of its own
    code, out, _ = run("check", season)
    assert "Every published figure is the computed one." in " ".join(out.split())


def test_check_names_a_changed_total_with_both_values_and_exits_1(tmp_path: Path) -> None:
    changed = copy_2013(tmp_path, "- {place: 2, names: [KCMG], total: 87}",
                        "- {place: 2, names: [KCMG], total: 86}")
    code, out, _ = run("check", str(changed), "--format", "json")
    assert code == 1
    assert json.loads(out)["published"]["differences"] == [{
        "class": "LMP2", "table": "teams", "championship": "LMP2 Teams' championship",
        "figure": "total", "who": "KCMG", "published": "86", "computed": "87",
        "source": "2013 Asian Le Mans Series / Teams Championships / LMP2 Standings"}]
    code, out, _ = run("check", str(changed))
    assert code == 1
    lines = [line for line in out.splitlines() if "KCMG" in line and "total" in line]
    assert len(lines) == 1
    assert [cell.strip() for cell in lines[0].strip("│ ").split("│")][1:] == \
        ["total", "KCMG", "86", "87"]


def test_check_names_a_changed_champion_and_place(tmp_path: Path) -> None:
    changed = copy_2013(tmp_path, "- {class: GTC, table: teams, names: [AF Corse]}",
                        "- {class: GTC, table: teams, names: [Clearwater Racing]}")
    text = changed.read_text(encoding="utf-8").replace(
        "- {place: 3, names: [Craft Racing], total: 15}",
        "- {place: 2, names: [Craft Racing], total: 15}")
    changed.write_text(text, encoding="utf-8")
    code, out, _ = run("check", str(changed), "--format", "json")
    assert code == 1
    found = {(d["figure"], d["who"], d["published"], d["computed"])
             for d in json.loads(out)["published"]["differences"]}
    assert found == {("champion", "champions", "Clearwater Racing", "AF Corse"),
                     ("place", "Craft Racing", "2", "3")}


def test_a_published_row_the_computed_table_lacks_is_named(tmp_path: Path) -> None:
    changed = copy_2013(tmp_path, "- {place: 3, names: [Craft Racing], total: 15}",
                        "- {place: 3, names: [Craft Racing Team], total: 15}")
    code, out, _ = run("check", str(changed), "--format", "json")
    assert code == 1
    (difference,) = json.loads(out)["published"]["differences"]
    assert (difference["figure"], difference["who"], difference["published"],
            difference["computed"]) == ("row", "Craft Racing Team", "place 3", "no row")


def test_a_published_figure_of_an_unknown_class_is_a_located_problem(tmp_path: Path) -> None:
    changed = copy_2013(tmp_path, "- {class: GTE, table: teams, names: [Team Taisan Ken Endless]}",
                        "- {class: LMGTE, table: teams, names: [Team Taisan Ken Endless]}")
    with pytest.raises(InputError) as err:
        load_season_file(changed)
    (problem,) = err.value.problems
    assert problem.field == "published.champions.4.class"
    assert problem.line is not None
    assert "a class of the season's `classes` (LMP2, LMPC, GTE, GTC, GTC Am, SGT)" in str(problem)
    code, _, stderr = run("check", str(changed))
    assert code == 2
    assert "published.champions.4.class" in stderr


def test_recordbook_standings_read_the_seed_tables_into_published_figures(
        tmp_path: Path) -> None:
    page = seed_page("2013 Asian Le Mans Series")
    code, _, stderr = run("recordbook", str(page), "--standings")
    assert code == 2  # the GTE drivers' table prints no Total column: refused, not guessed
    assert "Total: expected a column headed Total or Points" in stderr
    output = tmp_path / "published.yaml"
    code, _, stderr = run("recordbook", str(page), "--standings", "--table", "LMP2 Standings",
                          "--table", "GTC Standings", "--table", "Teams", "--source",
                          "2013 season article", "--output", str(output))
    assert code == 0, stderr
    text = output.read_text(encoding="utf-8")
    assert "- {place: 2, names: ['#007 Craft Racing'], total: 57}" in text
    assert "- {class: GTC, table: drivers, names: [Andrea Bertolini, Michele Rugolo, " \
        "Steve Wyatt]}" in text
    # The figures read from the page, given to a copy of the season, are the computed ones.
    season_file = copy_2013(tmp_path, "\npublished:\n", "\nold_published:\n")
    body = season_file.read_text(encoding="utf-8")
    season_file.write_text(body[:body.index("\nold_published:\n")] + "\n" + text,
                           encoding="utf-8")
    loaded = load_season_file(season_file)
    assert loaded.season.published is not None
    assert len(loaded.season.published.standings) == 5
    code, out, _ = run("check", str(season_file), "--format", "json")
    assert json.loads(out)["published"] == {"compared": True, "differences": []}


def test_a_season_kept_as_its_published_record_breaks_no_command(tmp_path: Path) -> None:
    for args in (("standings", "2016-17"), ("standings", "2016-17", "--format", "json"),
                 ("check", "2016-17"), ("export", "2016-17", "--format", "wikitext"),
                 ("export", "2016-17", "--format", "csv"), ("seasons",)):
        code, out, stderr = run(*args)
        assert code == 0, (args, stderr)
    code, out, _ = run("check", "2016-17", "--format", "json")
    assert json.loads(out)["published"] == {"compared": False, "differences": []}
    code, _, stderr = run("results", "2016-17", "1")
    assert code == 2
    assert "round" in stderr
    code, out, _ = run("standings", "--format", "json")  # no season: the latest with results
    assert json.loads(out)["season"]["id"] == "asian-le-mans-series/2013"


def test_one_changed_figure_alone_turns_the_exit_status_to_1(tmp_path: Path) -> None:
    """2009 has no line-up breach: its check exits 0, and 1 once one published figure differs."""
    folder = tmp_path / "2009"
    shutil.copytree(DATA_DIR / "asian-le-mans-series" / "2009", folder)
    assert run("check", str(folder / "season.yaml"))[0] == 0
    season_file = folder / "season.yaml"
    text = season_file.read_text(encoding="utf-8")
    season_file.write_text(text.replace("names: [Atsushi Yogo, Hiroyuki Iiri]",
                                        "names: [Akihiro Tsuzuki, Takeshi Tsuchiya]"),
                           encoding="utf-8")
    code, out, _ = run("check", str(season_file), "--format", "json")
    assert code == 1
    (difference,) = json.loads(out)["published"]["differences"]
    assert (difference["class"], difference["figure"], difference["published"],
            difference["computed"]) == ("GT1", "champion", "Akihiro Tsuzuki / Takeshi Tsuchiya",
                                        "Atsushi Yogo / Hiroyuki Iiri")
