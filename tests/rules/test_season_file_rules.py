"""A season file names a bundled rule set and lays its own keys over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pitboard.domain import DriverRating, InputError
from pitboard.ingest.season_file import parse_season

BASE = """
series: {id: test, name: Test}
season: "2020"
calendar:
  - round: 1
    name: 24 Hours
    races: [{number: 1, name: Race, scheduled_seconds: 86400 RACE}]
drivers:
  - {name: Some One, nationality: JPN, rating: silver}
entries:
  - {class: LMP2, number: "22", team: T, category: LMP2,
     drivers: [{name: Some One, rating: Bronze}]}
"""


def load(rules: str, race_extra: str = ""):
    text = BASE.replace(" RACE", race_extra) + rules
    return parse_season(text, "season.yaml", Path("."))


def test_preset_with_overrides() -> None:
    loaded = load("rules: {preset: wec-2019-20, pole_points: 0, name: Custom}\n")
    assert loaded.rules.name == "Custom"
    assert loaded.rules.pole_points == 0
    assert loaded.rules.scales["le-mans"].points[0] == 50
    assert loaded.rules.scale_name(loaded.season.rounds[0].races[0]) == "le-mans"


def test_ratings_and_category_are_read() -> None:
    season = load("rules: {preset: wec-2019-20}\n").season
    assert season.driver("Some One").rating is DriverRating.SILVER
    assert season.entries[0].drivers[0].rating is DriverRating.BRONZE
    assert season.entries[0].category == "LMP2"


def test_unknown_preset_names_the_line_and_the_bundled_sets() -> None:
    with pytest.raises(InputError) as err:
        load("rules:\n  preset: wec-1999\n")
    problem = err.value.problems[0]
    assert problem.field == "rules.preset"
    assert problem.line == 14  # the line of `preset:`
    assert "wec-2019-20" in problem.expected
    assert problem.found == "'wec-1999'"


def test_a_race_naming_a_scale_the_rules_lack_is_a_problem() -> None:
    with pytest.raises(InputError) as err:
        load("rules: {preset: wec-2019-20}\n", ", scale: 12h")
    assert err.value.problems[0].field == "calendar.0.races.0.scale"
    assert "8h, le-mans" in err.value.problems[0].expected


def test_a_nested_override_keeps_the_rest_of_the_preset() -> None:
    from pitboard.rules import RuleSet
    from pitboard.rules.presets import rules_with_overrides

    rules = RuleSet.model_validate(
        rules_with_overrides("aslms-2013", {"lineup": {"withhold_points": True}})
    )
    assert rules.lineup.withhold_points
    assert not rules.lineup.is_empty  # the preset's line-up rules are still there
