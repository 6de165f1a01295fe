"""The store keeps a season exactly as the engine needs it, and every import is all or nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain import InputError
from pitboard.domain.standings import TableKind
from pitboard.engine.standings import season_standings
from pitboard.ingest.catalog import DATA_DIR, bundled_histories, find_season, season_ids
from pitboard.ingest.imports import Target, add_import, read_incoming
from pitboard.office import file_bundled, import_paths, open_store
from pitboard.store import schema as t
from pitboard.store.store import Store

SEASON_2013 = "asian-le-mans-series/2013"
RESULTS_2013 = DATA_DIR / "asian-le-mans-series" / "2013" / "results.csv"


def snapshot(store: Store) -> dict[str, list[Any]]:
    """Every row of every table, to compare the database before and after."""
    with store.engine.connect() as conn:
        return {
            table.name: [
                tuple(row) for row in conn.execute(select(table).order_by(*table.primary_key))
            ]
            for table in t.metadata.sorted_tables
        }


def table_row(store: Store, season: str, class_code: str, kind: str, name: str) -> Decimal:
    view = store.view(season)
    assert view is not None
    table = next(x for x in view.tables if x.class_code == class_code and x.kind.value == kind)
    return table.row(name).total


def sepang_lines() -> int:
    """How many result lines the bundled 2013 season has for Sepang (round 4)."""
    season = find_season(SEASON_2013).season
    return sum(len(race.results) for rnd in season.rounds if rnd.number == 4 for race in rnd.races)


def test_migrations_build_exactly_the_declared_schema(store: Store) -> None:
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), t.metadata)
    assert diffs == []


def test_bundled_seasons_read_back_equal_to_the_season_files(store: Store) -> None:
    assert store.season_ids() == sorted(season_ids())
    assert {"asian-le-mans-series/2009", SEASON_2013, "asian-le-mans-series/2018-19",
            "pitboard-demo/2026"} <= set(store.season_ids())
    for season_id in store.season_ids():
        loaded = find_season(season_id)
        view = store.view(season_id)
        assert view is not None
        assert view.season == loaded.season
        assert view.rules == loaded.rules
        assert view.tables == season_standings(loaded.season, loaded.rules)


def test_published_figures_and_the_series_history_read_back_from_the_database(
        store: Store) -> None:
    (history,) = bundled_histories()
    assert store.history("asian-le-mans-series") == history
    assert [e.kind.value for e in history.events][:2] == ["cancelled", "held"]
    view = store.view("asian-le-mans-series/2016-17")
    assert view is not None
    assert view.season.published == find_season("2016-17").season.published
    assert view.season.published is not None
    assert view.tables == []  # no results: nothing computed
    cn = view.season.published.champions_of("CN", TableKind.DRIVERS)
    assert cn is not None
    assert cn.names[0] == "Kenji Abe"


def test_a_changed_series_file_replaces_the_kept_history(store: Store) -> None:
    (history,) = bundled_histories()
    shorter = history.model_copy(update={"events": history.events[:3]})
    with store.writing() as writer:
        writer.keep_history(shorter)
    assert store.history("asian-le-mans-series") == shorter
    file_bundled(store)
    assert store.history("asian-le-mans-series") == history


def test_standings_from_the_database_match_the_2013_record(store: Store) -> None:
    assert table_row(store, SEASON_2013, "GTC", "teams", "AF Corse") == 87
    assert table_row(store, SEASON_2013, "GTC", "teams", "#007 Craft Racing") == 57
    assert table_row(store, SEASON_2013, "LMP2", "drivers", "David Cheng") == 89


def test_opening_again_does_not_load_the_bundled_record_twice(database_url: str) -> None:
    first = open_store(database_url)
    before = snapshot(first)
    first.close()
    second = open_store(database_url)
    assert snapshot(second) == before
    second.close()


def test_importing_the_same_results_file_twice_changes_nothing(store: Store) -> None:
    target = Target(season=SEASON_2013)
    first = import_paths(store, [RESULTS_2013], target)
    after_first = snapshot(store)
    second = import_paths(store, [RESULTS_2013], target)
    assert [o.changed for o in first] == [True]
    assert [o.changed for o in second] == [False]
    assert snapshot(store) == after_first


def _results_with_round4_gtc_swapped(tmp_path: Path) -> Path:
    """The 2013 results with the first two GTC cars of Sepang in reverse order."""
    lines = RESULTS_2013.read_text(encoding="utf-8").splitlines()
    sepang_gtc = [i for i, ln in enumerate(lines) if ln.startswith(("4,GTC,1,", "4,GTC,2,"))]
    assert len(sepang_gtc) == 2
    first, second = sepang_gtc
    lines[first] = lines[first].replace("4,GTC,1,", "4,GTC,2,", 1)
    lines[second] = lines[second].replace("4,GTC,2,", "4,GTC,1,", 1)
    changed = tmp_path / "results-corrected.csv"
    changed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return changed


def test_a_corrected_results_file_changes_the_standings_at_once(
    store: Store, tmp_path: Path
) -> None:
    before = table_row(store, SEASON_2013, "GTC", "teams", "AF Corse")
    done = import_paths(store, [_results_with_round4_gtc_swapped(tmp_path)],
                        Target(season=SEASON_2013, replace=True))
    after = table_row(store, SEASON_2013, "GTC", "teams", "AF Corse")
    assert after != before  # the cached standings were dropped by the import
    assert done[0].replaced == (f"round 4 race 1: {sepang_lines()} result lines",)


def test_a_file_that_would_replace_results_is_refused_without_replace(
    store: Store, tmp_path: Path
) -> None:
    before = snapshot(store)
    with pytest.raises(InputError) as caught:
        import_paths(store, [_results_with_round4_gtc_swapped(tmp_path)],
                     Target(season=SEASON_2013))
    assert snapshot(store) == before
    (problem,) = caught.value.problems
    assert problem.field == "replace"
    assert problem.found == f"round 4 race 1 already has {sepang_lines()} result lines"


def test_a_file_imported_again_after_another_puts_back_what_it_says(
    store: Store, tmp_path: Path
) -> None:
    """Only a repeat of the latest imports into a season is 'unchanged': the original results
    imported again after a corrected file put the standings back, and the same two files
    imported again in the same order change nothing."""
    target = Target(season=SEASON_2013, replace=True)
    original = table_row(store, SEASON_2013, "GTC", "teams", "AF Corse")
    corrected = _results_with_round4_gtc_swapped(tmp_path)
    import_paths(store, [RESULTS_2013], target)
    import_paths(store, [corrected], target)
    assert table_row(store, SEASON_2013, "GTC", "teams", "AF Corse") != original
    again = import_paths(store, [RESULTS_2013], target)
    assert [o.changed for o in again] == [True]
    assert table_row(store, SEASON_2013, "GTC", "teams", "AF Corse") == original
    after_again = snapshot(store)
    repeated = import_paths(store, [RESULTS_2013], target)
    assert [o.changed for o in repeated] == [False]
    assert snapshot(store) == after_again


def test_a_bad_file_among_good_ones_leaves_the_database_as_it_was(
    store: Store, tmp_path: Path
) -> None:
    good = _results_with_round4_gtc_swapped(tmp_path)
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "round,class,pos,number,team,drivers\n9,GTC,1,77,AF Corse,A / B\n4,GTC,x,77,AF Corse,A\n",
        encoding="utf-8",
    )
    before = snapshot(store)
    with pytest.raises(InputError) as caught:
        import_paths(store, [good, bad], Target(season=SEASON_2013, replace=True))
    assert snapshot(store) == before
    assert [p.field for p in caught.value.problems] == ["pos"]


def test_a_round_the_season_does_not_have_is_reported_and_nothing_written(
    store: Store, tmp_path: Path
) -> None:
    bad = tmp_path / "round9.csv"
    bad.write_text(
        "round,class,pos,number,team,drivers\n4,GTC,1,77,AF Corse,A / B\n9,GTC,1,77,AF Corse,A\n",
        encoding="utf-8",
    )
    before = snapshot(store)
    with pytest.raises(InputError) as caught:
        import_paths(store, [bad], Target(season=SEASON_2013, replace=True))
    assert snapshot(store) == before
    (problem,) = caught.value.problems
    assert (problem.line, problem.field, problem.found) == (3, "round", "'9'")


def test_an_import_that_dies_half_way_leaves_the_database_as_it_was(
    store: Store, tmp_path: Path
) -> None:
    incoming = read_incoming(_results_with_round4_gtc_swapped(tmp_path),
                             Target(season=SEASON_2013, replace=True))
    before = snapshot(store)

    def killed_after_the_first_file() -> None:
        with store.writing() as writer:
            writer.update(SEASON_2013, lambda inputs: add_import(inputs, incoming))
            raise KeyboardInterrupt  # the process is stopped after the first file was written

    with pytest.raises(KeyboardInterrupt):
        killed_after_the_first_file()
    assert snapshot(store) == before


def test_import_command_reports_every_problem_and_exits_2(
    database_url: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("round,class,pos,number,team,drivers\n1,GTC,x,77,AF Corse,A\n", encoding="utf-8")
    unknown = tmp_path / "unknown.bin"
    unknown.write_bytes(b"\x00\x01 not a timing file")
    result = CliRunner().invoke(
        app,
        ["import", str(bad), str(unknown), "--season", SEASON_2013, "--round", "1",
         "--database", database_url],
    )
    output = " ".join(result.output.split())  # the console wraps long lines
    assert result.exit_code == 2
    assert "bad.csv:2: pos: expected a finishing place" in output
    assert "unknown.bin:1: format: expected a file of a known format" in output
    assert "2 problems; nothing was written." in output


def test_import_command_imports_then_finds_the_file_unchanged(database_url: str) -> None:
    args = ["import", str(RESULTS_2013), "--season", SEASON_2013, "--database", database_url]
    first = CliRunner().invoke(app, args)
    second = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    assert "results, imported" in " ".join(first.output.split())
    assert "unchanged (already imported)" in " ".join(second.output.split())


def test_a_qualifying_file_sets_the_grid_of_its_round(store: Store, tmp_path: Path) -> None:
    qualifying = tmp_path / "sepang-qualifying.csv"
    qualifying.write_text(
        "pos,class,number,team,driver,time\n"
        "1,GTC,77,AF Corse,Andrea Bertolini,2:05.100\n"
        "2,GTC,007,Craft Racing,Stefan Mücke,2:05.900\n",
        encoding="utf-8",
    )
    import_paths(store, [qualifying], Target(season=SEASON_2013, round="SEP"))
    view = store.view(SEASON_2013)
    assert view is not None
    sepang = next(r for r in view.season.rounds if r.short_name == "SEP")
    assert sepang.qualifying is not None
    assert [(q.number, q.time_seconds) for q in sepang.qualifying.lines] == [
        ("77", 125.1), ("007", 125.9)
    ]


def test_a_qualifying_file_needs_its_round(store: Store, tmp_path: Path) -> None:
    qualifying = tmp_path / "q.csv"
    qualifying.write_text("pos,class,number,team,time\n1,GTC,77,AF Corse,2:05.100\n",
                          encoding="utf-8")
    with pytest.raises(InputError) as caught:
        import_paths(store, [qualifying], Target(season=SEASON_2013))
    assert [p.field for p in caught.value.problems] == ["--round"]


def test_a_stored_season_is_made_again_from_its_files_exactly(store: Store,
                                                              tmp_path: Path) -> None:
    """What the store keeps of a season (its rows) is what its kept files make, imports
    included: nothing of it exists only in the rows."""
    from pitboard.ingest.imports import rebuild

    import_paths(store, [_results_with_round4_gtc_swapped(tmp_path)],
                 Target(season=SEASON_2013, replace=True))
    inputs = store.inputs(SEASON_2013)
    assert inputs is not None and [i.role.value for i in inputs][-1] == "results"
    view = store.view(SEASON_2013)
    assert view is not None
    assert rebuild(inputs, SEASON_2013).season == view.season
