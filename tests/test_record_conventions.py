"""Record-book conventions on every face: a non-starter as the series' record shows it, a
class that scores nothing as unscored, and a round of two races as two columns."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from pitboard.cli.app import app
from pitboard.domain.standings import TableKind
from pitboard.engine.standings import season_standings
from pitboard.ingest.catalog import find_season
from pitboard.ingest.season_file import load_season_file
from pitboard.output.columns import column_text, race_columns

RECORD = Path(__file__).resolve().parent / "record" / "seasons"
ASLMS_2014 = RECORD / "aslms-2014" / "season.yaml"
runner = CliRunner()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_the_asian_le_mans_record_shows_a_non_starter_as_0() -> None:
    loaded = load_season_file(ASLMS_2014)
    teams = next(t for t in season_standings(loaded.season, loaded.rules)
                 if t.class_code == "GT" and t.kind is TableKind.TEAMS)
    python = teams.row("Python")  # #7 was entered at Inje and did not start
    assert python.points_in(1) == 0
    inje = race_columns(loaded.season)[0]
    assert column_text(python, inje) == "0"
    document = json.loads(run("standings", str(ASLMS_2014), "--class", "GT", "--format", "json"))
    row = next(r for t in document["standings"] if t["table"] == "teams" for r in t["rows"]
               if r["name"] == "Python")
    assert row["points"]["1"] == 0 and row["cells"]["1"] == 0
    assert row["results"]["1"][0]["status"] == "DNS"


def test_elsewhere_a_non_starter_shows_dns_and_took_no_part() -> None:
    # 2009: #11 started race 1 at Okayama and not race 2; its rule set keeps the DNS.
    loaded = find_season("2009")
    okayama_2 = race_columns(loaded.season)[1]
    row = next(r for t in season_standings(loaded.season, loaded.rules)
               if t.class_code == "LMP1" and t.kind is TableKind.TEAMS for r in t.rows
               if r.number == "11")
    assert column_text(row, okayama_2) == "DNS"
    document = json.loads(run("standings", "2009", "--class", "LMP1", "--table", "teams",
                              "--format", "json"))
    cells = next(r["cells"] for r in document["standings"][0]["rows"] if r["number"] == "11")
    assert cells["1.2"] is None and cells["1.1"] is not None


def test_a_class_that_scores_nothing_shows_as_unscored_not_0() -> None:
    document = json.loads(run("results", "2013", "2", "--format", "json"))
    sgt = next(c for c in document["races"][0]["classes"] if c["class"] == "SGT")
    assert sgt["scored"] is False
    assert {row["points"] for row in sgt["rows"]} == {None}
    gtc = next(c for c in document["races"][0]["classes"] if c["class"] == "GTC")
    assert gtc["scored"] is True and gtc["rows"][0]["points"] == 26  # #007: won from pole
    text = run("results", "2013", "2")
    assert "unscored" in text
    assert "unscored" in run("results", "2013", "2", "--format", "markdown")


def test_a_round_of_two_races_has_two_columns_on_every_face() -> None:
    args = ("standings", "2009", "--class", "GT2", "--table", "teams")
    assert "OKA 1" in run(*args) and "OKA 2" in run(*args)
    markdown = run(*args, "--format", "markdown")
    assert "| Pos | Team | OKA 1 | OKA 2 | Total |" in markdown
    assert "| 1 | Hankook Team Farnbacher | 15 | 25 | 40 |" in markdown
    table = list(csv.DictReader(io.StringIO(run(*args, "--format", "csv"))))
    farnbacher = next(r for r in table if r["name"] == "Hankook Team Farnbacher")
    assert (farnbacher["OKA 1"], farnbacher["OKA 2"], farnbacher["total"]) == ("15", "25", "40")
    document = json.loads(run(*args, "--format", "json"))
    assert [c["heading"] for c in document["columns"]] == ["OKA 1", "OKA 2"]
    row = next(r for r in document["standings"][0]["rows"]
               if r["name"] == "Hankook Team Farnbacher")
    assert row["cells"] == {"1.1": 15, "1.2": 25} and row["points"] == {"1": 40}


def test_a_car_the_record_places_but_does_not_name_keeps_the_places_behind_it() -> None:
    from pitboard.domain import Race
    from pitboard.engine.points import score_race
    from pitboard.formats.results_csv import parse_results
    from pitboard.rules import RuleSet

    text = ("round,class,pos,number,team,drivers,note\n"
            "1,GT,1,83,AF Corse,A / B,\n"
            "1,GT,2,,?,,a car the record places here but does not name\n"
            "1,GT,3,70,MR Racing,C / D,\n")
    lines = parse_results(text, "partial.csv").lines()
    scored = score_race(Race(results=tuple(lines)), RuleSet())["GT"]
    assert [(s.line.number, s.class_position, s.points) for s in scored] == [
        ("83", 1, 25), ("70", 3, 15)]
