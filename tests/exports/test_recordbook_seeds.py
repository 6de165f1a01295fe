"""The record-book tables of the seed pages read into results and standings.

The seeds are read in place from ../shared/seeds; they are found by their page title.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest

from pitboard.domain import FinishStatus, InputError
from pitboard.engine.standings import season_standings
from pitboard.formats.results_csv.reader import parse_results
from pitboard.formats.wikitext.reader import read_race_results, read_standings
from pitboard.formats.wikitext.tables import Cell, Row, TextTable, read_tables
from pitboard.ingest.catalog import DATA_DIR, find_season
from pitboard.output.results_csv import results_csv_text
from tests.conftest import (
    read_results,
    shared_dir,
)


def seed_page(title: str) -> Path:
    """The seed whose first line is `= title =`; skipped where the seeds are absent (not in CI)."""
    folder = shared_dir() / "seeds"
    for path in sorted(folder.glob("*.txt")):
        with path.open(encoding="utf-8") as handle:
            if handle.readline().strip() == f"= {title} =":
                return path
    message = f"seed page {title!r} is not in {folder}: the seed tests read ../shared in place"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set, so they are required)")
    pytest.skip(message)


@pytest.fixture(scope="module")
def okayama_tables() -> list[TextTable]:
    path = seed_page("2009 1000 km of Okayama")
    return [t for t in read_tables(path.read_text(encoding="utf-8"), str(path))
            if t.title.endswith("Race result")]


@pytest.fixture(scope="module")
def tables_2013() -> dict[str, TextTable]:
    path = seed_page("2013 Asian Le Mans Series")
    return {t.title: t for t in read_tables(path.read_text(encoding="utf-8"), str(path))}


@pytest.mark.parametrize(("race", "bundled"), [(0, "race1.csv"), (1, "race2.csv")])
def test_okayama_race_tables_read_as_the_bundled_results(okayama_tables, race, bundled):
    season = find_season("2009").season
    lines = read_race_results(okayama_tables[race])
    expected = read_results(DATA_DIR / "asian-le-mans-series" / "2009" / bundled).lines()
    assert len(lines) == len(expected) == 23
    for got, want in zip(lines, expected, strict=True):
        assert (got.class_code, got.status, got.number, got.laps) == \
            (want.class_code, want.status, want.number, want.laps)
        assert got.order == want.order
        assert season.canonical_team(got.team) == season.canonical_team(want.team)
        assert got.drivers == want.drivers
        assert (got.chassis, got.engine) == (want.chassis, want.engine)
        assert got.source is not None
        assert got.source.line is not None


def test_okayama_statuses_dnf_nc_and_dns_are_read_from_the_pos_column(okayama_tables):
    race2 = read_race_results(okayama_tables[1])
    by_number = {line.number: line for line in race2}
    assert by_number["81"].status is FinishStatus.NC
    assert by_number["81"].order == 20
    assert by_number["77"].status is FinishStatus.DNF
    assert by_number["77"].laps == 13
    assert by_number["11"].status is FinishStatus.DNS
    assert by_number["11"].laps is None
    assert by_number["007"].order == 1


def test_a_read_race_table_becomes_a_results_csv_the_csv_reader_accepts(okayama_tables):
    lines = read_race_results(okayama_tables[0])
    again = parse_results(results_csv_text(lines, "1", race=1), "okayama.csv").lines()
    assert [(x.number, x.status, x.order, x.laps) for x in again] == \
        [(x.number, x.status, x.order, x.laps) for x in lines]


def test_an_unreadable_cell_is_reported_with_file_line_field_and_what_was_found(okayama_tables):
    table = okayama_tables[0]
    row = Row(table.rows[2].line, list(table.rows[2].cells))
    row.cells[0] = Cell("first", row.line)
    row.cells[7] = Cell("many", row.line)
    broken = TextTable(table.file, table.line, table.section, [*table.rows[:2], row])
    with pytest.raises(InputError) as err:
        read_race_results(broken)
    messages = [str(p) for p in err.value.problems]
    assert messages == [
        f"{table.file}:{row.line}: Pos: expected a place (1, 2 ...), a place and status "
        "(21 DNF), or NC, DNF, Ret, DNS, DSQ, found 'first'",
        f"{table.file}:{row.line}: Laps: expected a number of laps or –, found 'many'",
    ]


@pytest.mark.parametrize(("title", "class_code", "kind"), [
    ("Drivers Championships / LMP2 Standings", "LMP2", "drivers"),
    ("Drivers Championships / GTC Standings", "GTC", "drivers"),
    ("Teams Championships / LMP2 Standings", "LMP2", "teams"),
    ("Teams Championships / GTC Standings", "GTC", "teams"),
    ("Teams Championships / GTE Standings", "GTE", "teams"),
])
def test_2013_standings_tables_read_as_the_engine_computes_them(
    tables_2013, title, class_code, kind
):
    loaded = find_season("2013")
    table = tables_2013[f"2013 Asian Le Mans Series / {title}"]
    rows = read_standings(table)
    engine = next(t for t in season_standings(loaded.season, loaded.rules)
                  if t.class_code == class_code and t.kind.value == kind)
    headings = {r.number: r.short_name for r in loaded.season.held_rounds()}
    assert len(rows) == len(engine.rows)
    for row in rows:
        name = loaded.season.canonical_driver(row.name) if kind == "drivers" else row.name
        want = engine.row(name)
        assert (row.position, row.total) == (want.position, want.total)
        for number, heading in headings.items():
            points = want.points_in(number)
            got = row.cells.get(heading)
            assert (got.points if got else None) == points, (name, heading)


def test_a_driver_who_changed_team_has_both_teams_and_both_results(tables_2013):
    rows = read_standings(tables_2013["2013 Asian Le Mans Series / Drivers Championships / "
                                      "LMP2 Standings"])
    bradley = next(r for r in rows if r.name == "Richard Bradley")
    assert bradley.texts["Team"] == ["KCMG", "Craft Racing"]
    assert {h: c.points for h, c in bradley.cells.items()} == \
        {"FUJ": Decimal(25), "SEP": Decimal(15)}


def test_a_table_whose_total_column_is_missing_is_reported_not_guessed(tables_2013):
    table = tables_2013["2013 Asian Le Mans Series / Drivers Championships / GTE Standings"]
    with pytest.raises(InputError) as err:
        read_standings(table)
    (problem,) = err.value.problems
    assert (problem.line, problem.field) == (table.rows[0].line, "Total")
