"""The 2013 record written as wikitext and read back gives the same figures, cell by cell."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pitboard.domain import FinishStatus
from pitboard.domain.cells import CellKind
from pitboard.domain.standings import StandingTable, TableKind
from pitboard.engine.standings import season_standings
from pitboard.formats.wikitext.reader import ReadStandingRow, read_standings
from pitboard.formats.wikitext.tables import read_tables
from pitboard.ingest.catalog import find_season
from pitboard.output.wikitext import race_columns, season_wikitext


@pytest.fixture(scope="module")
def season_2013():
    loaded = find_season("2013")
    tables = season_standings(loaded.season, loaded.rules)
    text = season_wikitext(loaded.season, loaded.rules, tables)
    read = {t.title: read_standings(t) for t in read_tables(text, "2013.wiki")
            if "championship" in t.title}
    return loaded, tables, read


def _read_table(read: dict[str, list[ReadStandingRow]], table: StandingTable):
    kind = {TableKind.DRIVERS: "Drivers'", TableKind.TEAMS: "Teams'",
            TableKind.MANUFACTURERS: "Manufacturers'"}[table.kind]
    matches = [rows for title, rows in read.items()
               if title.endswith(f"{table.class_code} {kind} championship")]
    assert len(matches) == 1
    return matches[0]


def test_every_standings_cell_and_total_reads_back_the_same(season_2013):
    loaded, tables, read = season_2013
    columns = race_columns(loaded.season)
    assert len(read) == len(tables) == 12  # LMP2, GTE, GTC, GTC Am x drivers, teams, makes
    compared = 0
    for table in tables:
        rows = _read_table(read, table)
        assert [r.name for r in rows] == [r.name for r in table.rows]
        for row, back in zip(table.rows, rows, strict=True):
            assert back.position == row.position
            assert back.total == row.total
            assert back.nationality == row.nationality
            for column in columns:
                cell = row.round_cell(column.round)
                races = [c for c in cell.races if c.race == column.race] if cell else []
                if not races:
                    assert column.heading not in back.cells
                    continue
                got = back.cells[column.heading]
                assert got.points == sum((c.points for c in races), Decimal(0))
                assert got.pole == any(c.pole for c in races)
                compared += 1
    assert compared > 100


def test_gtc_champions_and_the_007_retirement_read_back_from_the_wikitext(season_2013):
    _, _, read = season_2013
    drivers = read["2013 Asian Le Mans Series / GTC Drivers' championship"]
    assert [r.name for r in drivers if r.position == 1] == [
        "Andrea Bertolini", "Michele Rugolo", "Steve Wyatt"]
    frank_yu = next(r for r in drivers if r.name == "Frank Yu")
    # Retired from pole at Inje and kept the pole point: purple cell, 1 point, superscript P.
    assert frank_yu.cells["INJ"].points == 1
    assert frank_yu.cells["INJ"].pole
    assert frank_yu.cells["INJ"].colour is CellKind.NOT_CLASSIFIED
    assert frank_yu.total == 52


def test_a_two_race_round_gets_a_column_per_race():
    loaded = find_season("2009")
    headings = [c.heading for c in race_columns(loaded.season)]
    assert headings == ["OKA 1", "OKA 2"]
    tables = season_standings(loaded.season, loaded.rules)
    text = season_wikitext(loaded.season, loaded.rules, tables)
    read = [t for t in read_tables(text, "2009.wiki")
            if t.title.endswith("GT2 Teams' championship")]
    rows = read_standings(read[0])
    felbermayr = next(r for r in rows if r.name == "#77 Team Felbermayr-Proton")
    # Second in class in race 1 from the class pole (18 + 1), retired in race 2 and kept the
    # pole point: a silver cell, then a purple one.
    assert felbermayr.cells["OKA 1"].colour is CellKind.SECOND
    assert felbermayr.cells["OKA 1"].points == 19
    assert felbermayr.cells["OKA 2"].colour is CellKind.NOT_CLASSIFIED
    assert felbermayr.cells["OKA 2"].status is None
    assert felbermayr.cells["OKA 2"].points == 1


def test_a_retirement_without_points_is_written_ret_and_read_as_dnf():
    loaded = find_season("2009")
    tables = season_standings(loaded.season, loaded.rules)
    text = season_wikitext(loaded.season, loaded.rules, tables)
    read = [t for t in read_tables(text, "2009.wiki")
            if t.title.endswith("GT1 Teams' championship")]
    jloc = next(r for r in read_standings(read[0]) if r.name == "#68 JLOC")
    assert jloc.cells["OKA 1"].status is FinishStatus.DNF
    assert jloc.cells["OKA 1"].points == 0
    assert jloc.cells["OKA 1"].colour is CellKind.NOT_CLASSIFIED
