"""The 2009 1000 km of Okayama: qualifying with disallowed times, two races, class champions."""

from __future__ import annotations

import pytest

from pitboard.domain import FinishStatus, Race
from pitboard.domain.standings import TableKind
from pitboard.engine.distance import judged_lines
from pitboard.engine.points import class_order, score_race
from pitboard.engine.qualifying import class_grid_positions, class_poles, grid_order
from pitboard.engine.standings import award_winners, champions, season_standings
from pitboard.ingest.catalog import find_season


@pytest.fixture(scope="module")
def loaded():  # type: ignore[no-untyped-def]
    return find_season("asian-le-mans-series/2009")


@pytest.fixture(scope="module")
def okayama(loaded):  # type: ignore[no-untyped-def]
    return loaded.season.held_rounds()[0]


def test_one_round_holds_two_races_and_shanghai_is_cancelled(loaded, okayama) -> None:  # type: ignore[no-untyped-def]
    assert [r.number for r in okayama.races] == [1, 2]
    cancelled = [r for r in loaded.season.rounds if not r.is_held]
    assert [r.name for r in cancelled] == ["Shanghai"]


def test_disallowed_times_start_from_the_back(okayama) -> None:  # type: ignore[no-untyped-def]
    grid = grid_order(okayama.qualifying)
    assert [line.number for line in grid[-2:]] == ["61", "91"]
    assert grid[0].number == "87"
    places = class_grid_positions(okayama.qualifying)
    assert places[("GT1", "61")] == 4 and places[("GT2", "91")] == 10


def test_class_pole_goes_to_the_fastest_allowed_time(okayama) -> None:  # type: ignore[no-untyped-def]
    assert class_poles(okayama.qualifying) == {
        "LMP1": "87", "LMP2": "24", "GT1": "50", "GT2": "77",
    }


def _class_numbers(race: Race, class_code: str) -> list[str | None]:
    lines = [ln for ln in race.results if ln.class_code == class_code]
    return [ln.number for ln in class_order(lines) if ln.status.is_classified]


@pytest.mark.parametrize(
    ("race_number", "class_code", "order"),
    [
        (1, "LMP1", ["17", "10", "15", "007", "14", "87", "11"]),
        (1, "LMP2", ["24", "28"]),
        (1, "GT1", ["69", "61"]),
        (1, "GT2", ["92", "77", "89", "88", "85", "71", "98", "40", "91"]),
        (2, "LMP1", ["007", "17", "10", "87", "15", "14"]),
        (2, "LMP2", ["24", "28"]),
        (2, "GT1", ["61", "69", "50", "68"]),
        (2, "GT2", ["89", "88", "71", "98", "92", "40", "91"]),
    ],
)
def test_class_positions_follow_the_race_tables(okayama, race_number, class_code, order) -> None:  # type: ignore[no-untyped-def]
    assert _class_numbers(okayama.races[race_number - 1], class_code) == order


def test_statuses_dnf_nc_and_dns(okayama) -> None:  # type: ignore[no-untyped-def]
    race1, race2 = okayama.races
    status1 = {ln.number: ln.status for ln in race1.results}
    status2 = {ln.number: ln.status for ln in race2.results}
    assert {n for n, s in status1.items() if s is FinishStatus.DNF} == {"50", "68", "81"}
    assert status2["81"] is FinishStatus.NC
    assert {n for n, s in status2.items() if s is FinishStatus.DNF} == {"85", "77"}
    assert status2["11"] is FinishStatus.DNS


def test_a_car_below_70_percent_of_the_winners_distance_is_not_classified(loaded, okayama) -> None:  # type: ignore[no-untyped-def]
    # Take the NC off the table: the rule alone must find the car (69 of 128 laps) again.
    race2 = okayama.races[1]
    as_finished = race2.model_copy(update={"results": tuple(
        ln.model_copy(update={"status": FinishStatus.CLASSIFIED})
        if ln.status is FinishStatus.NC else ln
        for ln in race2.results
    )})
    judged = as_finished.model_copy(
        update={"results": judged_lines(as_finished.results, loaded.rules)})
    assert {ln.number for ln in judged.results if ln.status is FinishStatus.NC} == {"81"}
    # ... and every other status the record gives is what the rule leaves.
    for ours, published in zip(judged.results, race2.results, strict=True):
        assert ours.status is published.status
    # Ibañez, 92 of 128 laps (72%), stays classified.
    assert next(ln for ln in judged.results if ln.number == "28").status.is_classified


def test_unclassified_cars_score_nothing_but_keep_a_pole_point(loaded, okayama) -> None:  # type: ignore[no-untyped-def]
    scored = score_race(okayama.races[0], loaded.rules, loaded.season, okayama)
    larbre = next(s for s in scored["GT1"] if s.line.number == "50")
    assert larbre.place_points == 0 and larbre.pole_points == 1
    winner = next(s for s in scored["GT1"] if s.line.number == "69")
    assert winner.points == 25


def test_class_champions_are_those_the_record_names(loaded) -> None:  # type: ignore[no-untyped-def]
    tables = season_standings(loaded.season, loaded.rules)
    drivers = {
        t.class_code: sorted(r.name for r in t.rows if r.position == 1)
        for t in tables if t.kind is TableKind.DRIVERS
    }
    assert drivers == {
        "LMP1": ["Christophe Tinseau", "Shinji Nakano"],
        "LMP2": ["Jacques Nicolet", "Matthieu Lahaye", "Richard Hein"],
        "GT1": ["Atsushi Yogo", "Hiroyuki Iiri"],
        "GT2": ["Allan Simonsen", "Dominik Farnbacher"],
    }
    teams = {t.class_code: r.name for t, r in champions(tables) if t.kind is TableKind.TEAMS}
    assert teams == {
        "LMP1": "Sora Racing", "LMP2": "OAK Racing", "GT1": "#69 JLOC",
        "GT2": "Hankook Team Farnbacher",
    }
    invited = {w.name for w in award_winners(loaded.rules, tables)}
    assert invited == set(teams.values())


def test_gt1_tie_is_settled_by_the_recorded_decision_and_says_so(loaded) -> None:  # type: ignore[no-untyped-def]
    tables = season_standings(loaded.season, loaded.rules)
    gt1 = next(t for t in tables if t.class_code == "GT1" and t.kind is TableKind.TEAMS)
    first, second = gt1.rows[:2]
    assert (first.name, second.name) == ("#69 JLOC", "Hitotsuyama Team Nova")
    assert first.total == second.total == 43
    assert "no published rule" in first.note and "no published rule" in second.note
