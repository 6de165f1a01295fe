"""`pitboard check` on the bundled record: the breaches the data contains, and the checks the
missing ratings leave unmade."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.engine.eligibility import CheckStatus, check_season, eligibility_report
from pitboard.ingest.catalog import find_season

runner = CliRunner()


@pytest.fixture(scope="module")
def findings_2013():
    loaded = find_season("asian-le-mans-series/2013")
    return check_season(loaded.season, loaded.rules)


def test_2013_breaches_are_the_cars_without_an_asian_driver(findings_2013) -> None:
    breaches = [
        (f.round, f.car, f.rule) for f in findings_2013 if f.status is CheckStatus.BREACH
    ]
    # AF Corse ran Bertolini, Rugolo (ITA) and Wyatt (AUS) all season; KCMG ran Oon (AUS),
    # Thompson (IRL) and Winslow (GBR) at Zhuhai. Australians counted only from 2014.
    assert breaches == [
        (1, "#77 AF Corse", "nationality"),
        (2, "#77 AF Corse", "nationality"),
        (3, "#18 KCMG", "nationality"),
        (3, "#77 AF Corse", "nationality"),
        (4, "#77 AF Corse", "nationality"),
    ]
    wyatt = next(f for f in findings_2013 if f.car == "#77 AF Corse")
    assert "Steve Wyatt (AUS, Oceania)" in wyatt.why
    assert "Asian" in wyatt.requirement


def test_2013_every_car_ran_two_or_three_drivers(findings_2013) -> None:
    assert not [f for f in findings_2013 if f.rule == "drivers"]


def test_2013_known_ratings_settle_the_pro_am_rule(findings_2013) -> None:
    # Mok (Bronze) and Vilander (Platinum): the Sepang winners meet it; no row for #33.
    assert not [f for f in findings_2013 if f.car == "#33 Clearwater Racing"]
    # #77: Wyatt is Bronze and Bertolini Platinum, so only the nationality rule is reported.
    assert {f.rule for f in findings_2013 if f.car == "#77 AF Corse"} == {"nationality"}


def test_2013_unknown_ratings_are_reported_as_checks_not_made(findings_2013) -> None:
    unchecked = [f for f in findings_2013 if f.status is CheckStatus.UNCHECKED]
    kobayashi = [f for f in unchecked if f.car == "#70 Team Taisan Ken Endless" and f.round == 1]
    assert len(kobayashi) == 1
    assert kobayashi[0].rule == "ratings"
    assert "amateur" in kobayashi[0].requirement
    assert "rating unknown for Naoki Yokomizo" in kobayashi[0].why
    # Entered cars without a result line are checked on the entry list.
    assert {f.car for f in unchecked if f.race is None} == {"Gama Racing", "Mike Racing"}
    # The Taisan Porsche 996 is not on the GTC list and its category is not recorded.
    assert any(f.rule == "eligible cars" and "Porsche 996 GT3-RS" in f.why for f in unchecked)


def test_2013_guest_class_is_not_held_to_the_series_line_up_rules(findings_2013) -> None:
    assert not [f for f in findings_2013 if f.class_code == "SGT"]


def test_2009_has_no_breach() -> None:
    loaded = find_season("asian-le-mans-series/2009")
    assert check_season(loaded.season, loaded.rules) == []


def test_check_command_exits_1_and_lists_the_breaches_as_json() -> None:
    result = runner.invoke(app, ["check", "asian-le-mans-series/2013", "--format", "json"])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["season"] == "asian-le-mans-series/2013"
    assert len(document["breaches"]) == 5
    assert document["breaches"][0] == {
        "status": "breach", "class": "GTC", "car": "#77 AF Corse", "number": "77",
        "team": "AF Corse", "round": 1, "race": 1, "where": "race", "rule": "nationality",
        "requirement": "at least 1 driver(s) of Asian nationality",
        "why": document["breaches"][0]["why"], "source": document["breaches"][0]["source"],
    }
    assert document["breaches"][0]["source"].endswith("results.csv:5")
    assert document["unchecked"]


def test_check_command_exits_0_without_breaches_and_shows_tables() -> None:
    result = runner.invoke(app, ["check", "2009"])
    assert result.exit_code == 0
    assert "No breach" in result.stdout
    result = runner.invoke(app, ["check", "2013"])
    assert result.exit_code == 1
    assert "breach" in result.stdout
    assert "AF Corse" in result.stdout
    assert "not made" in result.stdout


def test_report_rows_are_json_ready() -> None:
    loaded = find_season("2013")
    json.dumps(eligibility_report(loaded.season, loaded.rules))


def test_rules_command_lists_every_bundled_rule_set() -> None:
    result = runner.invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows["wec-2019-20"]["series"] == "FIA World Endurance Championship"
    assert "le-mans: 50-36-30-24-20-16-12-8-4-2" in rows["wec-2019-20"]["scoring"]
    assert any("Asian" in rule for rule in rows["aslms-2013"]["lineup"])
    assert runner.invoke(app, ["rules"]).exit_code == 0
