"""The bundled 2013 season reproduces every figure of the published championship tables."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pitboard.domain.standings import StandingRow, StandingTable, TableKind
from pitboard.engine.standings import award_winners, season_standings
from pitboard.ingest.catalog import find_season
from tests.conftest import shared_dir
from tests.record import aslms_2013 as record

ROUNDS = (1, 2, 3, 4)


@pytest.fixture(scope="module")
def loaded():  # type: ignore[no-untyped-def]
    return find_season("asian-le-mans-series/2013")


@pytest.fixture(scope="module")
def tables(loaded) -> dict[tuple[str, TableKind], StandingTable]:  # type: ignore[no-untyped-def]
    return {(t.class_code, t.kind): t for t in season_standings(loaded.season, loaded.rules)}


def _row(table: StandingTable, name: str, loaded) -> StandingRow:  # type: ignore[no-untyped-def]
    canonical = loaded.season.canonical_driver(name)
    return table.row(canonical if table.kind is TableKind.DRIVERS else name)


def _check(table: StandingTable, expected: list[record.Row], loaded) -> None:  # type: ignore[no-untyped-def]
    assert len(table.rows) == len(expected), [r.name for r in table.rows]
    for position, name, per_round, total in expected:
        row = _row(table, name, loaded)
        got = tuple(row.points_in(n) for n in ROUNDS)
        want = tuple(None if p is None else Decimal(p) for p in per_round)
        assert got == want, f"{table.class_code} {name}: rounds {got} != {want}"
        assert row.total == total, f"{table.class_code} {name}: total"
        assert row.position == position, f"{table.class_code} {name}: position"


@pytest.mark.parametrize("class_code", sorted(record.TEAMS))
def test_teams_tables_match_the_record(class_code: str, tables, loaded) -> None:  # type: ignore[no-untyped-def]
    _check(tables[(class_code, TableKind.TEAMS)], record.TEAMS[class_code], loaded)


@pytest.mark.parametrize("class_code", sorted(record.DRIVERS))
def test_drivers_tables_match_the_record(class_code: str, tables, loaded) -> None:  # type: ignore[no-untyped-def]
    _check(tables[(class_code, TableKind.DRIVERS)], record.DRIVERS[class_code], loaded)


@pytest.mark.parametrize("class_code", sorted(record.MANUFACTURER_TOTALS))
def test_manufacturer_totals_match_the_record(class_code: str, tables) -> None:  # type: ignore[no-untyped-def]
    table = tables[(class_code, TableKind.MANUFACTURERS)]
    for make, total in record.MANUFACTURER_TOTALS[class_code].items():
        assert table.row(make).total == total


@pytest.mark.parametrize("class_code", sorted(record.MANUFACTURER_ORDER))
def test_manufacturers_rank_in_the_published_order(class_code: str, tables) -> None:  # type: ignore[no-untyped-def]
    table = tables[(class_code, TableKind.MANUFACTURERS)]
    assert [r.name for r in table.rows] == record.MANUFACTURER_ORDER[class_code]


def test_a_pole_point_survives_retirement(tables) -> None:  # type: ignore[no-untyped-def]
    cell = tables[("GTC", TableKind.TEAMS)].row("#007 Craft Racing").round_cell(1)
    assert cell is not None
    (race,) = cell.races
    assert race.pole and race.class_position is None and race.status.value == "DNF"
    assert cell.points == 1


def test_took_part_and_scored_nothing_is_not_absence(tables) -> None:  # type: ignore[no-untyped-def]
    row = tables[("GTC", TableKind.TEAMS)].row("#92 Team AAI Rstrada")
    assert row.points_in(1) == 0
    assert row.points_in(4) is None


def test_a_driver_scores_with_the_car_of_each_round_in_any_team(tables) -> None:  # type: ignore[no-untyped-def]
    bradley = tables[("LMP2", TableKind.DRIVERS)].row("Richard Bradley")
    assert bradley.teams == ("KCMG", "Craft Racing")
    assert bradley.total == 40


def test_guest_class_is_not_scored(tables) -> None:  # type: ignore[no-untyped-def]
    assert not any(code == "SGT" for code, _ in tables)


def test_le_mans_invitations_are_derived(loaded, tables) -> None:  # type: ignore[no-untyped-def]
    winners = award_winners(loaded.rules, list(tables.values()))
    assert {(w.class_code, w.name) for w in winners} == record.INVITED


def test_transcription_names_and_totals_appear_in_the_seed() -> None:
    seeds = sorted((shared_dir() / "seeds").glob("002_*.txt"))
    if not seeds:
        pytest.skip("../shared/seeds is not beside the project")
    text = seeds[0].read_text(encoding="utf-8")
    for rows in [*record.DRIVERS.values(), *record.TEAMS.values()]:
        for _, name, _, total in rows:
            assert name.lstrip("#0123456789 ") in text
            assert f"| {total} |" in text or f"| {total}" in text
