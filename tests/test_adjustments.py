"""Points adjustments: deductions and awarded points, from the season file to every face."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain import InputError
from pitboard.domain.standings import StandingTable, TableKind
from pitboard.engine.standings import season_standings
from pitboard.ingest import LoadedSeason, load_season_file
from pitboard.ingest.catalog import DATA_DIR, bundled_seasons, find_season
from pitboard.output.wikitext import standings_table

SEASON_2013 = DATA_DIR / "asian-le-mans-series" / "2013"

# Car #007 (Craft Racing, GTC) loses 40 points for Zhuhai (round 3) in the drivers' and teams'
# tables; its make keeps them.
CRAFT_DEDUCTION = """
adjustments:
  - class: GTC
    table: [drivers, teams]
    who: Craft Racing
    number: "007"
    points: -40
    round: 3
    reason: technical infringement
"""


def season_2013_with(tmp_path: Path, extra: str) -> Path:
    """The bundled 2013 season file and its results, with `extra` appended to the season file."""
    for name in ("season.yaml", "results.csv"):
        shutil.copy(SEASON_2013 / name, tmp_path / name)
    path = tmp_path / "season.yaml"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return path


def table(tables: list[StandingTable], class_code: str, kind: TableKind) -> StandingTable:
    return next(t for t in tables if t.class_code == class_code and t.kind is kind)


@pytest.fixture(scope="module")
def penalised(tmp_path_factory: pytest.TempPathFactory) -> LoadedSeason:
    return load_season_file(season_2013_with(tmp_path_factory.mktemp("s"), CRAFT_DEDUCTION))


def test_a_deduction_lowers_the_car_s_rows_and_reranks(penalised: LoadedSeason) -> None:
    bundled = find_season("asian-le-mans-series/2013")
    before = season_standings(bundled.season, bundled.rules)
    after = season_standings(penalised.season, penalised.rules)
    teams_before = table(before, "GTC", TableKind.TEAMS)
    teams_after = table(after, "GTC", TableKind.TEAMS)
    craft = teams_after.row("#007 Craft Racing")
    assert teams_before.row("#007 Craft Racing").total == 57
    assert craft.total == 17
    assert craft.position == 6  # 2nd on 57 before, now below Clearwater Racing's 26
    assert teams_after.row("#91 Team AAI Rstrada").position == 2
    # The round's own points stay as scored; the deduction is beside them, marked for round 3.
    assert craft.rounds == teams_before.row("#007 Craft Racing").rounds
    assert [(a.points, a.reason) for a in craft.adjustments_in(3)] == [
        (Decimal(-40), "technical infringement")
    ]
    assert teams_after.row("#009 Craft Racing").adjustments == ()
    # The drivers of #007 at Zhuhai lose 40; Stefan Mücke, in #007 elsewhere, keeps his points.
    drivers_before = table(before, "GTC", TableKind.DRIVERS)
    drivers_after = table(after, "GTC", TableKind.DRIVERS)
    changed = {
        row.name: row.total - drivers_before.row(row.name).total
        for row in drivers_after.rows
        if row.total != drivers_before.row(row.name).total
    }
    assert changed == {"Frank Yu": -40, "Keita Sawa": -40, "Darryl O'Young": -40}
    # The manufacturers' table and the other classes are untouched.
    assert table(after, "GTC", TableKind.MANUFACTURERS) == table(
        before, "GTC", TableKind.MANUFACTURERS)
    assert [t for t in after if t.class_code != "GTC"] == [
        t for t in before if t.class_code != "GTC"]


def test_a_deduction_is_never_dropped_by_a_best_rounds_rule(penalised: LoadedSeason) -> None:
    # Only Fuji's 26 counts; Zhuhai, the round the deduction belongs to, is dropped, but the
    # deduction still is taken, and a row below 0 gets no place where 0-point rows get none.
    rules = penalised.rules.model_copy(update={"best_rounds": 1})
    craft = table(season_standings(penalised.season, rules), "GTC", TableKind.TEAMS).row(
        "#007 Craft Racing")
    assert [c.round for c in craft.rounds if c.dropped] == [1, 3, 4]
    assert craft.total == 26 - 40
    assert craft.position is None


def test_bundled_seasons_have_no_adjustments_and_unchanged_totals() -> None:
    for loaded in bundled_seasons():
        assert loaded.season.adjustments == ()
        for standings in season_standings(loaded.season, loaded.rules):
            for row in standings.rows:
                assert row.adjustments == ()
                counted = sum(
                    (c.points for c in row.rounds if c.took_part and not c.dropped), Decimal(0))
                assert row.total == counted


def test_json_text_and_wikitext_show_the_deduction(
    penalised: LoadedSeason, tmp_path: Path
) -> None:
    path = season_2013_with(tmp_path, CRAFT_DEDUCTION)
    result = CliRunner().invoke(
        app, ["standings", str(path), "--class", "GTC", "--table", "teams", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {r["name"]: r for r in json.loads(result.output)["standings"][0]["rows"]}
    assert rows["#007 Craft Racing"]["total"] == 17
    assert rows["#007 Craft Racing"]["adjustments"] == [
        {"points": -40, "round": 3, "reason": "technical infringement"}]
    assert rows["AF Corse"]["adjustments"] == []

    text = CliRunner().invoke(app, ["standings", str(path), "--class", "GTC", "--table", "teams"])
    output = " ".join(text.output.split())
    assert "Pen." in output
    assert "#007 Craft Racing: -40 (round 3, technical infringement)" in output

    wiki = standings_table(penalised.season, penalised.rules, table(
        season_standings(penalised.season, penalised.rules), "GTC", TableKind.TEAMS))
    assert "! Pen." in wiki
    assert "| −40<sup>1</sup>" in wiki
    assert "<sup>1</sup> −40 points, round 3: technical infringement" in wiki


@pytest.mark.parametrize(
    ("entry", "line", "field", "expected"),
    [
        ('{class: GT, table: teams, who: AF Corse, points: -5, reason: x}', 2,
         "adjustments.0.class", "a scored class of the season"),
        ('{class: GTC, table: team, who: AF Corse, points: -5, reason: x}', 2,
         "adjustments.0.table", "drivers, teams, manufacturers or all"),
        ('{class: GTC, table: teams, who: AF Corse, points: -5, round: 9, reason: x}', 2,
         "adjustments.0.round", "a held round of the calendar (1, 2, 3, 4)"),
        ('{class: GTC, table: teams, who: AF Corse, points: 0, reason: x}', 2,
         "adjustments.0.points", "points other than 0"),
        ('{class: GTC, table: teams, points: -5, reason: x}', 2,
         "adjustments.0", "the row to adjust"),
        ('{class: GTC, table: teams, who: AF Corsa, points: -5, reason: x}', 2,
         "adjustments.0.who", "a row of the GTC teams table (did you mean 'AF Corse'?)"),
        ('{class: GTC, table: teams, who: Craft Racing, points: -5, reason: x}', 2,
         "adjustments.0.who", "one row of the GTC teams table (add the car's `number`)"),
        ('{class: GTC, table: teams, number: "009", round: 1, points: -5, reason: x}', 2,
         "adjustments.0.number", "a row of the GTC teams table"),  # #009 ran at Sepang only
        ('{class: GTC, table: teams, who: AF Corse, points: ten, reason: x}', 2,
         "adjustments.0.points", "decimal"),
    ],
)
def test_a_bad_adjustment_is_reported_at_its_line(
    tmp_path: Path, entry: str, line: int, field: str, expected: str
) -> None:
    # A first, good adjustment keeps the bad one on a line of its own.
    extra = ("\nadjustments:\n"
             "  - {class: LMP2, table: teams, who: OAK Racing, points: 2, reason: fine}\n"
             f"  - {entry}\n").replace("adjustments.0", "adjustments.1")
    path = season_2013_with(tmp_path, extra)
    first = len(path.read_text(encoding="utf-8").splitlines()) - 2
    with pytest.raises(InputError) as caught:
        load_season_file(path)
    (problem,) = caught.value.problems
    assert problem.field == field.replace("adjustments.0", "adjustments.1")
    assert problem.line == first + line
    assert problem.file == str(path)
    assert expected in problem.expected


def test_the_site_s_progression_chart_ends_on_the_adjusted_totals(
    penalised: LoadedSeason,
) -> None:
    from pitboard.engine.standings import standings_after_rounds
    from pitboard.output.text_tables import round_headings
    from pitboard.web.pages import progression

    teams = table(season_standings(penalised.season, penalised.rules), "GTC", TableKind.TEAMS)
    after = standings_after_rounds(penalised.season, penalised.rules)
    lines = {line.label: line.points for line in progression(
        after, teams, round_headings(penalised.season))}
    assert [y for _, y in lines["#007 Craft Racing"]] == [1, 27, 2, 17]  # -40 after Zhuhai
    for row in teams.rows[:10]:
        assert lines[row.name][-1][1] == row.total
