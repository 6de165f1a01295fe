"""Wrong files are refused, not published: each through `pitboard import`, on SQLite and
PostgreSQL, with a located problem and the database as it was."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from tests.conftest import real_file
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.ingest.catalog import DATA_DIR
from pitboard.office import Records
from pitboard.store import schema as t

SEASON_2013 = "asian-le-mans-series/2013"
RESULTS_2013 = DATA_DIR / SEASON_2013 / "results.csv"
runner = CliRunner()


def snapshot(store: Records) -> dict[str, list[Any]]:
    with store.engine.connect() as conn:
        return {table.name: [tuple(row) for row in
                             conn.execute(select(table).order_by(*table.primary_key))]
                for table in t.metadata.sorted_tables}


def pitboard(*args: str) -> Any:
    return runner.invoke(app, list(args))


def gtc_teams(database_url: str) -> dict[str, float]:
    """The GTC teams' totals as `pitboard standings --database` prints them."""
    done = pitboard("standings", SEASON_2013, "--class", "GTC", "--table", "teams",
                    "--format", "json", "--database", database_url)
    assert done.exit_code == 0, done.output
    (table,) = json.loads(done.output)["standings"]
    return {row["name"]: row["total"] for row in table["rows"]}


def refused(database_url: str, store: Records, *args: str) -> str:
    """Run an import that must be refused; the database must be as it was; the report."""
    before = snapshot(store)
    done = pitboard("import", *args, "--database", database_url)
    assert done.exit_code == 2, done.output
    assert snapshot(store) == before
    return " ".join(done.stderr.split())


def _results_with(tmp_path: Path, old: str, new: str) -> Path:
    text = RESULTS_2013.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "inje.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.real_data
def test_le_mans_2025_timing_is_not_taken_as_the_2013_inje_race(
    database_url: str, store: Records
) -> None:
    le_mans = real_file("alkamel", "wec_2025_le_mans_24h_race_analysis.csv")
    report = refused(database_url, store, str(le_mans), "--season", SEASON_2013, "--round",
                     "1", "--replace")
    assert "class: expected a class of the season (LMP2, LMPC, GTE, GTC, GTC Am, SGT" in report
    assert "found 'HYPERCAR'" in report and "found 'LMGT3'" in report
    assert "wec_2025_le_mans_24h_race_analysis.csv:" in report
    assert gtc_teams(database_url)["AF Corse"] == 87  # the champions keep their 87


@pytest.mark.real_data
def test_a_sim_file_whose_classes_the_season_lacks_is_refused(
    database_url: str, store: Records
) -> None:
    race = real_file("rfactor2", "rf2_2013_sebring_lolat280_20min_race.xml")
    report = refused(database_url, store, str(race), "--season", "pitboard-demo/2026",
                     "--round", "1", "--replace")
    assert "class: expected a class of the season (LMP2, GT3)" in report
    assert "found 'LolaT280'" in report


def test_a_class_typo_is_refused_with_a_suggestion(
    database_url: str, store: Records, tmp_path: Path
) -> None:
    typo = _results_with(tmp_path, "1,GTC,1,77,AF Corse", "1,GTX,1,77,AF Corse")
    report = refused(database_url, store, str(typo), "--season", SEASON_2013, "--replace")
    assert "inje.csv:5: class: expected a class of the season" in report
    assert "(car #77 is entered in GTC), found 'GTX'" in report


def test_a_class_typo_of_a_car_without_an_entry_gets_the_closest_class() -> None:
    from pitboard.ingest.checks import did_you_mean

    assert did_you_mean("LPM2", ["LMP2", "LMPC", "GTE", "GTC"], code=True) == \
        " (did you mean 'LMP2'?)"
    assert did_you_mean("Zebra", ["LMP2", "GTC"], code=True) == ""


def test_a_driver_typo_is_refused_with_a_suggestion(
    database_url: str, store: Records, tmp_path: Path
) -> None:
    typo = _results_with(tmp_path, "Andrea Bertolini / Michele Rugolo",
                         "Andrea Bertolin / Michele Rugolo")
    report = refused(database_url, store, str(typo), "--season", SEASON_2013, "--replace")
    assert "inje.csv:5: drivers: expected a driver of #77's entry for round 1" in report
    assert "(did you mean 'Andrea Bertolini'?), found 'Andrea Bertolin'" in report


def test_a_car_not_on_the_entry_list_is_refused(
    database_url: str, store: Records, tmp_path: Path
) -> None:
    stranger = _results_with(tmp_path, "1,GTC,1,77,AF Corse", "1,GTC,1,78,AF Corse")
    report = refused(database_url, store, str(stranger), "--season", SEASON_2013, "--replace")
    assert "inje.csv:5: number: expected a car on the season's entry list for round 1" in report
    assert "found '78'" in report


def test_results_that_would_replace_a_round_need_replace_and_say_what_they_replaced(
    database_url: str, store: Records, tmp_path: Path
) -> None:
    swapped = RESULTS_2013.read_text(encoding="utf-8").replace(
        "1,GTC,1,77,AF Corse", "1,GTC,X,77,AF Corse").replace(
        "1,GTC,2,,Team Taisan", "1,GTC,1,,Team Taisan").replace(
        "1,GTC,X,77,AF Corse", "1,GTC,2,77,AF Corse")
    path = tmp_path / "corrected.csv"
    path.write_text(swapped, encoding="utf-8")
    report = refused(database_url, store, str(path), "--season", SEASON_2013)
    assert "replace: expected round 1 race 1 without result lines yet, or the file given " \
           "with --replace" in report
    done = pitboard("import", str(path), "--season", SEASON_2013, "--replace",
                    "--database", database_url)
    assert done.exit_code == 0, done.output
    assert "replaced round 1 race 1: 9 result lines" in " ".join(done.output.split())
    assert gtc_teams(database_url)["AF Corse"] == 87 - 25 + 18


def test_the_cli_reads_the_season_as_stored_not_the_bundled_copy(
    database_url: str, store: Records, tmp_path: Path
) -> None:
    without_77 = "\n".join(line for line in RESULTS_2013.read_text(encoding="utf-8").splitlines()
                           if not line.startswith("4,GTC,2,77,")) + "\n"
    path = tmp_path / "sepang.csv"
    path.write_text(without_77, encoding="utf-8")
    done = pitboard("import", str(path), "--season", SEASON_2013, "--replace",
                    "--database", database_url)
    assert done.exit_code == 0, done.output
    assert gtc_teams(database_url)["AF Corse"] == 87 - 18
    bundled = json.loads(pitboard("standings", SEASON_2013, "--class", "GTC", "--table",
                                  "teams", "--format", "json").output)
    assert {r["name"]: r["total"] for r in bundled["standings"][0]["rows"]}["AF Corse"] == 87
    seasons = pitboard("seasons", "--format", "json", "--database", database_url)
    assert SEASON_2013 in {s["id"] for s in json.loads(seasons.output)}


def test_a_season_file_applies_its_penalties_to_results_as_an_import_does(
    database_url: str, store: Records, tmp_path: Path
) -> None:
    """`penalties:` beside `results:` in a season file is applied, exactly as the same
    penalties file imported into the store: AF Corse's Inje win is taken away (dsq)."""
    folder = tmp_path / "season"
    folder.mkdir()
    for name in ("season.yaml", "results.csv"):
        shutil.copy(DATA_DIR / SEASON_2013 / name, folder / name)
    (folder / "inje-decisions.csv").write_text("number,kind,value,reason\n77,dsq,,fuel\n",
                                               encoding="utf-8")
    season = folder / "season.yaml"
    text = season.read_text(encoding="utf-8").replace(
        "  - {round: 1, name: 3 Hours of Inje, short_name: INJ, circuit: Inje Speedium, "
        "country: KOR, date: 2013-08-04}",
        "  - {round: 1, name: 3 Hours of Inje, short_name: INJ, circuit: Inje Speedium, "
        "country: KOR, date: 2013-08-04,\n     races: [{number: 1, penalties: "
        "inje-decisions.csv}]}")
    season.write_text(text, encoding="utf-8")
    from_file = json.loads(pitboard("standings", str(season), "--class", "GTC", "--table",
                                    "teams", "--format", "json").output)
    totals = {r["name"]: r["total"] for r in from_file["standings"][0]["rows"]}
    assert totals["AF Corse"] == 87 - 25
    imported = pitboard("import", str(folder / "inje-decisions.csv"), "--season", SEASON_2013,
                        "--round", "INJ", "--database", database_url)
    assert imported.exit_code == 0, imported.output
    assert gtc_teams(database_url) == totals


def test_a_drop_is_places_in_the_cars_class_for_result_lines_and_timed_races() -> None:
    """One meaning: the car loses places among the classified cars of its own class."""
    from pitboard.domain import FinishStatus, ResultLine
    from pitboard.domain.classification import Penalty, PenaltyKind
    from pitboard.engine.penalties import penalised_lines

    def line(cls: str, order: int, number: str, position: int) -> ResultLine:
        return ResultLine(class_code=cls, status=FinishStatus.CLASSIFIED, order=order,
                          position=position, number=number, team=number)

    lines = [line("LMP2", 1, "1", 1), line("GTC", 1, "2", 2), line("LMP2", 2, "3", 3),
             line("GTC", 2, "4", 4), line("GTC", 3, "5", 5)]
    dropped = penalised_lines(lines, [Penalty(number="2", kind=PenaltyKind.DROP, value=1)])
    by_number = {ln.number: (ln.order, ln.position) for ln in dropped}
    assert by_number["2"] == (2, 4)  # behind #4, its class rival, in class and overall
    assert by_number["4"] == (1, 2)
    assert by_number["1"] == (1, 1) and by_number["3"] == (2, 3)  # LMP2 untouched
    assert "-1 place" in next(ln.note for ln in dropped if ln.number == "2")
