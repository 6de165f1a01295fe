"""A penalties file changes the stored results, and the standings follow through the engine."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from pitboard.domain import FinishStatus, InputError
from pitboard.ingest.imports import Target
from pitboard.office import import_paths
from pitboard.store.store import Store

SEASON_2013 = "asian-le-mans-series/2013"


def total(store: Store, name: str) -> Decimal:
    view = store.view(SEASON_2013)
    assert view is not None
    table = next(t for t in view.tables if t.class_code == "GTC" and t.kind.value == "teams")
    return table.row(name).total


def penalties(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "penalties.csv"
    path.write_text("number,kind,value,reason\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_disqualified_winner_passes_the_win_on(store: Store, tmp_path: Path) -> None:
    before_taisan = total(store, "Team Taisan Ken Endless")
    import_paths(store, [penalties(tmp_path, "77,dsq,,ride height")],
                       Target(season=SEASON_2013, round="INJ"))
    assert total(store, "AF Corse") == 87 - 25
    assert total(store, "Team Taisan Ken Endless") == before_taisan - 18 + 25
    view = store.view(SEASON_2013)
    assert view is not None
    inje = next(ln for ln in view.season.rounds[0].races[0].results if ln.number == "77")
    assert inje.status is FinishStatus.DSQ
    assert inje.note.endswith("DSQ (ride height)")


def test_a_place_drop_moves_the_car_down_its_class(store: Store, tmp_path: Path) -> None:
    import_paths(store, [penalties(tmp_path, "77,drop,1,causing a collision")],
                       Target(season=SEASON_2013, round="1"))
    assert total(store, "AF Corse") == 87 - 25 + 18


def test_a_time_penalty_on_a_race_without_laps_is_a_problem_not_ignored(
    store: Store, tmp_path: Path
) -> None:
    with pytest.raises(InputError) as caught:
        import_paths(store, [penalties(tmp_path, "77,dsq,,x", "77,time,30,track limits")],
                           Target(season=SEASON_2013, round="INJ"))
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (3, "kind")
    assert "needs the race's timing data" in problem.expected
    assert total(store, "AF Corse") == 87  # the dsq of the same file was not kept either


def test_a_penalties_file_needs_its_round(store: Store, tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        import_paths(store, [penalties(tmp_path, "77,dsq,,x")], Target(season=SEASON_2013))
    assert [p.field for p in caught.value.problems] == ["--round"]


def test_a_penalty_for_a_car_not_in_the_race_is_refused_whole(
    store: Store, tmp_path: Path
) -> None:
    bad = penalties(tmp_path, "77,dsq,,x", "999,dsq,,x", "77,fine,,x")
    with pytest.raises(InputError) as caught:
        import_paths(store, [bad], Target(season=SEASON_2013, round="INJ"))
    (problem,) = caught.value.problems  # the file is read first: the unknown kind stops it
    assert (problem.line, problem.field, problem.found) == (4, "kind", "'fine'")
    unknown_car = penalties(tmp_path, "77,dsq,,x", "999,dsq,,x")
    with pytest.raises(InputError) as caught:
        import_paths(store, [unknown_car], Target(season=SEASON_2013, round="INJ"))
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (3, "number")
    assert total(store, "AF Corse") == 87  # the first line was not kept either


def test_a_races_decisions_stand_when_its_results_are_given_again(
    store: Store, tmp_path: Path
) -> None:
    from pitboard.ingest.catalog import DATA_DIR

    decisions = penalties(tmp_path, "77,dsq,,ride height")
    target = Target(season=SEASON_2013, round="INJ")
    import_paths(store, [decisions], target)
    assert total(store, "AF Corse") == 87 - 25
    (results,) = import_paths(store, [DATA_DIR / SEASON_2013 / "results.csv"],
                              Target(season=SEASON_2013))
    assert results.changed
    assert results.replaced == ()  # the same results: nothing to replace
    assert total(store, "AF Corse") == 87 - 25  # the stewards' decision stands
    (again,) = import_paths(store, [decisions], target)
    assert not again.changed
