"""Each line-up and entry rule catches a crafted breach with a clear message."""

from __future__ import annotations

from decimal import Decimal

from crafted_races import line, race, season

from pitboard.domain import DriverRating, Entry
from pitboard.engine.eligibility import (
    CheckStatus,
    DriverFacts,
    check_season,
    driving_time_verdicts,
)
from pitboard.engine.points import score_race
from pitboard.rules.presets import load_preset

B, S, G, P = DriverRating.BRONZE, DriverRating.SILVER, DriverRating.GOLD, DriverRating.PLATINUM
PEOPLE = (
    ("Am Bronze", "HKG", B), ("Pro Gold", "GBR", G), ("Pro Platinum", "JPN", P),
    ("Pro Silver", "DEU", S), ("Am Aussie", "AUS", B), ("Am Kiwi", "NZL", B),
    ("Am Euro", "FRA", B), ("Nobody Knows", "MAC", None), ("Second Silver", "FRA", S),
)
ASLMS_2013 = load_preset("aslms-2013").rules


def breaches(*lines, rules=ASLMS_2013, classes=()):
    found = check_season(season((race(*lines),), PEOPLE, classes), rules)
    return [(f.rule, f.why) for f in found if f.status is CheckStatus.BREACH]


def test_a_valid_2013_line_up_passes() -> None:
    assert breaches(line("LMP2", 1, "1", ("Am Bronze", "Pro Gold"))) == []


def test_one_driver_car_breaks_the_two_driver_minimum() -> None:
    assert ("drivers", "needs at least 2 drivers, has 1: Am Bronze (HKG, Bronze)") in breaches(
        line("GTC", 1, "1", ("Am Bronze",), chassis="Ferrari 458 Italia GT3"))


def test_four_driver_car_breaks_the_three_driver_maximum() -> None:
    found = breaches(line("LMP2", 1, "1", ("Am Bronze", "Pro Gold", "Pro Platinum", "Am Euro")))
    assert [rule for rule, _ in found] == ["drivers"]
    assert found[0][1].startswith("may have at most 3 drivers, has 4: Am Bronze (HKG, Bronze)")


def test_line_up_without_an_asian_driver_breaks_the_2013_quota_not_the_2014_one() -> None:
    lineup = line("LMP2", 1, "1", ("Am Aussie", "Pro Gold"))
    assert breaches(lineup) == [(
        "nationality",
        "needs 1 driver(s) of Asian nationality, has 0: Am Aussie (AUS, Oceania), "
        "Pro Gold (GBR, Europe)",
    )]
    assert breaches(lineup, rules=load_preset("aslms-2014").rules) == []
    kiwi = line("LMP2", 1, "1", ("Am Kiwi", "Pro Gold"))
    assert breaches(kiwi, rules=load_preset("aslms-2014").rules) == []
    europe = line("LMP2", 1, "1", ("Am Euro", "Pro Gold"))
    assert [r for r, _ in breaches(europe, rules=load_preset("aslms-2014").rules)] == [
        "nationality"
    ]


def test_all_pro_line_up_breaks_the_amateur_rule() -> None:
    found = breaches(line("GTE", 1, "1", ("Pro Gold", "Pro Platinum")))
    assert found == [(
        "ratings",
        "needs at least 1 amateur driver(s), has 0: Pro Gold (GBR, Gold), "
        "Pro Platinum (JPN, Platinum)",
    )]


def test_all_amateur_line_up_breaks_the_professional_rule() -> None:
    assert [r for r, _ in breaches(line("GTE", 1, "1", ("Am Bronze", "Am Euro")))] == ["ratings"]


def test_unknown_rating_is_a_check_not_made_not_a_breach() -> None:
    found = check_season(
        season((race(line("LMP2", 1, "1", ("Nobody Knows", "Pro Gold"))),), PEOPLE), ASLMS_2013
    )
    assert [(f.status, f.rule) for f in found] == [(CheckStatus.UNCHECKED, "ratings")]
    assert "rating unknown for Nobody Knows" in found[0].why


def test_a_gte_car_in_gtc_is_ineligible_and_a_gt3_car_is_not() -> None:
    gt3 = line("GTC", 1, "1", ("Am Bronze", "Pro Gold"), chassis="Audi R8 LMS GT3")
    assert breaches(gt3) == []
    gte = line("GTC", 1, "2", ("Am Bronze", "Pro Gold"), chassis="Ferrari 488 GTE", team="T")
    s = season((race(gte),), PEOPLE).model_copy(update={"entries": (
        Entry(class_code="GTC", number="2", team="T", chassis="Ferrari 488 GTE", category="GTE"),
    )})
    found = [(f.rule, f.why) for f in check_season(s, ASLMS_2013)]
    assert found == [("eligible cars", "Ferrari 488 GTE is a GTE car, not eligible for GTC")]


def test_lmp2_needs_a_silver_or_bronze_and_lmp2_am_at_most_one_silver() -> None:
    rules = load_preset("aslms-2018-19").rules
    assert [r for r, _ in breaches(line("LMP2", 1, "1", ("Pro Gold", "Pro Platinum")),
                                   rules=rules)] == ["ratings"]
    assert breaches(line("LMP2", 1, "1", ("Pro Gold", "Pro Silver")), rules=rules) == []
    found = breaches(line("LMP2 Am", 1, "1", ("Pro Silver", "Second Silver", "Am Euro")),
                     rules=rules)
    assert found == [(
        "ratings",
        "may have at most 1 Silver driver(s), has 2: Pro Silver (DEU, Silver), "
        "Second Silver (FRA, Silver)",
    )]


def test_too_little_driving_time_is_a_breach_and_too_much_too() -> None:
    rules = load_preset("wec-2021").rules
    crew = [DriverFacts("Am Bronze", "HKG", B), DriverFacts("Pro Gold", "GBR", G),
            DriverFacts("Pro Platinum", "JPN", P)]
    seconds = {"Am Bronze": 1.5 * 3600, "Pro Gold": 3600.0, "Pro Platinum": 3.6 * 3600}
    found = driving_time_verdicts("LMGTE Am", crew, seconds, rules, scheduled_seconds=6 * 3600)
    assert [(v.status, v.why) for v in found] == [
        (CheckStatus.BREACH,
         "Am Bronze (HKG, Bronze) drove 1:30:00, less than the minimum 1:45:00"),
        (CheckStatus.BREACH,
         "Pro Platinum (JPN, Platinum) drove 3:36:00, more than the maximum 3:30:00"),
    ]
    # An eight-hour race is not held to the six-hour times; an unknown length cannot be checked.
    assert driving_time_verdicts("LMGTE Am", crew, seconds, rules, 8 * 3600) == []
    unknown = driving_time_verdicts("LMGTE Am", crew, seconds, rules, None)
    assert {v.status for v in unknown} == {CheckStatus.UNCHECKED}


def test_a_driver_who_never_drove_has_zero_driving_time() -> None:
    rules = load_preset("wec-2021").rules
    crew = [DriverFacts("Pro Silver", "DEU", S), DriverFacts("Pro Gold", "GBR", G)]
    found = driving_time_verdicts("LMP2", crew, {"Pro Gold": 5 * 3600}, rules, 6 * 3600)
    assert [v.why for v in found] == [
        "Pro Silver (DEU, Silver) drove 0:00:00, less than the minimum 1:15:00",
        "Pro Gold (GBR, Gold) drove 5:00:00, more than the maximum 3:30:00",
    ]


def test_withheld_points_rule_takes_a_breaching_cars_points_but_not_its_place() -> None:
    rules = ASLMS_2013.model_copy(update={
        "lineup": ASLMS_2013.lineup.model_copy(update={"withhold_points": True})
    })
    crafted = race(
        line("LMP2", 1, "1", ("Pro Gold", "Pro Platinum"), pole=True),
        line("LMP2", 2, "2", ("Am Bronze", "Pro Gold")),
        line("LMP2", 3, "3", ("Nobody Knows", "Pro Gold")),
    )
    s = season((crafted,), PEOPLE)
    scored = {sl.line.number: sl for sl in score_race(crafted, rules, s)["LMP2"]}
    assert scored["1"].points == 0
    assert scored["1"].class_position == 1
    assert "ratings" in scored["1"].withheld
    assert scored["2"].points == 18
    assert scored["3"].points == 15  # an unknown rating withholds nothing
    assert score_race(crafted, ASLMS_2013, s)["LMP2"][0].points == Decimal(26)
