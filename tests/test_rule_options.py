"""Each rule of the rule set changes the standings the way the regulations describe."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pitboard.domain import Season
from pitboard.domain.standings import StandingTable, TableKind
from pitboard.engine.standings import season_standings
from pitboard.ingest.catalog import find_season
from pitboard.rules import ManufacturerScoring, PlaceNumbering, RuleSet, TeamScoring


@pytest.fixture(scope="module")
def loaded():  # type: ignore[no-untyped-def]
    return find_season("asian-le-mans-series/2013")


def _table(season: Season, rules: RuleSet, class_code: str, kind: TableKind) -> StandingTable:
    return next(t for t in season_standings(season, rules)
                if t.class_code == class_code and t.kind is kind)


def test_best_rounds_drop_the_worst_and_show_it(loaded) -> None:  # type: ignore[no-untyped-def]
    rules = loaded.rules.model_copy(update={"best_rounds": 3})
    af_corse = _table(loaded.season, rules, "GTC", TableKind.TEAMS).row("AF Corse")
    assert af_corse.total == 25 + 26 + 18  # one of the two 18s is dropped
    assert [c.round for c in af_corse.rounds if c.dropped] == [4]


def test_teams_scored_per_team_add_up_their_cars(loaded) -> None:  # type: ignore[no-untyped-def]
    rules = loaded.rules.model_copy(update={"team_scoring": TeamScoring.PER_TEAM})
    table = _table(loaded.season, rules, "GTC", TableKind.TEAMS)
    assert table.row("Craft Racing").total == 57 + 10
    assert table.row("Team AAI Rstrada").total == 48 + 10
    assert table.row("Craft Racing").points_in(4) == 15 + 10


def test_manufacturers_counting_only_their_best_car_per_race(loaded) -> None:  # type: ignore[no-untyped-def]
    rules = loaded.rules.model_copy(update={
        "manufacturer_scoring": ManufacturerScoring.BEST_PER_RACE,
        "manufacturer_cars_per_race": 1,
    })
    table = _table(loaded.season, rules, "GTC", TableKind.MANUFACTURERS)
    assert table.row("Ferrari").total == 113 - 18  # AF Corse's 18 at Sepang behind Clearwater
    assert table.row("Aston Martin").total == 52 - 10  # #009 behind #007 at Sepang


def test_a_guest_car_scores_nothing_and_passes_its_places_on(loaded) -> None:  # type: ignore[no-untyped-def]
    rules = loaded.rules.model_copy(update={"non_scoring_numbers": ("77",)})
    table = _table(loaded.season, rules, "GTC", TableKind.TEAMS)
    assert table.row("AF Corse").total == 0
    # Inje: Taisan moves up from 18 to 25 points.
    assert table.row("Team Taisan Ken Endless").points_in(1) == 25


def test_a_guest_car_that_keeps_its_place(loaded) -> None:  # type: ignore[no-untyped-def]
    rules = loaded.rules.model_copy(
        update={"non_scoring_numbers": ("77",), "guests_pass_places": False}
    )
    table = _table(loaded.season, rules, "GTC", TableKind.TEAMS)
    assert table.row("Team Taisan Ken Endless").points_in(1) == 18


def test_half_points_beyond_the_scale(loaded) -> None:  # type: ignore[no-untyped-def]
    scale = tuple(Decimal(p) for p in (25, 18, 15))
    rules = loaded.rules.model_copy(
        update={"points": scale, "points_beyond_scale": Decimal("0.5")}
    )
    table = _table(loaded.season, rules, "GTC", TableKind.TEAMS)
    assert table.row("#91 Team AAI Rstrada").points_in(1) == Decimal("0.5")  # 4th at Inje


def test_a_double_points_race_multiplies_places_not_the_pole(loaded) -> None:  # type: ignore[no-untyped-def]
    season: Season = loaded.season
    rounds = tuple(
        r.model_copy(update={"races": tuple(
            race.model_copy(update={"multiplier": Decimal(2)}) for race in r.races
        )}) if r.number == 4 else r
        for r in season.rounds
    )
    doubled = season.model_copy(update={"rounds": rounds})
    table = _table(doubled, loaded.rules, "GTC", TableKind.TEAMS)
    assert table.row("Clearwater Racing").points_in(4) == 2 * 25 + 1
    assert table.row("AF Corse").total == 87 + 18


def test_standard_place_numbering_skips_after_a_shared_place(loaded) -> None:  # type: ignore[no-untyped-def]
    rules = loaded.rules.model_copy(update={"place_numbering": PlaceNumbering.STANDARD})
    table = _table(loaded.season, rules, "GTC", TableKind.DRIVERS)
    assert table.row("Frank Yu").position == 4  # three drivers share first


def test_rank_zero_totals_gives_a_place(loaded) -> None:  # type: ignore[no-untyped-def]
    rules = loaded.rules.model_copy(update={"rank_zero_totals": True})
    table = _table(loaded.season, rules, "GTC", TableKind.DRIVERS)
    assert table.row("Somchai Saksirivatekul").position == 16


def test_a_pole_point_that_needs_classification(loaded) -> None:  # type: ignore[no-untyped-def]
    rules = loaded.rules.model_copy(update={"pole_points_need_classification": True})
    table = _table(loaded.season, rules, "GTC", TableKind.TEAMS)
    assert table.row("#007 Craft Racing").points_in(1) == 0


def test_a_scale_that_rises_is_refused() -> None:
    with pytest.raises(ValueError, match="must not rise"):
        RuleSet(points=(Decimal(10), Decimal(12)))


def test_a_car_without_a_make_is_left_out_of_the_manufacturers_table() -> None:
    from pitboard.formats.results_csv.reader import parse_results
    from pitboard.ingest.season_file import season_from_results

    text = "round,class,pos,number,team,drivers,manufacturer\n1,GT,1,7,A,X,Ferrari\n1,GT,2,8,B,Y,\n"
    loaded = season_from_results(parse_results(text, "x.csv"), RuleSet(), "x")
    table = _table(loaded.season, loaded.rules, "GT", TableKind.MANUFACTURERS)
    assert [(r.name, r.total) for r in table.rows] == [("Ferrari", 25)]
