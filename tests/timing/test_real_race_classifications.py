"""Classifications computed from the real Al Kamel files against the published results."""

from __future__ import annotations

import pytest

from pitboard.domain import FinishStatus
from pitboard.domain.classification import Classification, Penalty, PenaltyKind
from pitboard.engine.classification import classify
from pitboard.rules import RuleSet
from tests.conftest import (
    read_timing_path,
    real_file,
)

pytestmark = pytest.mark.real_data


def _classify(name: str, penalties: tuple[Penalty, ...] = ()) -> Classification:
    return classify(read_timing_path(real_file("alkamel", name)), RuleSet(), penalties)


@pytest.fixture(scope="module")
def le_mans_2024() -> Classification:
    return _classify("wec_2024_le_mans_24h_race_analysis.csv")


@pytest.fixture(scope="module")
def le_mans_2025() -> Classification:
    return _classify("wec_2025_le_mans_24h_race_analysis.csv")


@pytest.fixture(scope="module")
def le_mans_2019() -> Classification:
    return _classify("wec_2019_le_mans_24h_race_analysis_hour24.csv")


def _class_order(result: Classification, code: str) -> list[str]:
    return [car.number for car in result.in_class(code)]


def test_le_mans_2024_ferrari_50_wins_on_311_laps_14_221_s_ahead_of_toyota_7(le_mans_2024):
    first, second, third = le_mans_2024.cars[:3]
    assert (first.number, first.laps, first.status) == ("50", 311, FinishStatus.CLASSIFIED)
    assert first.gap is None
    assert (second.number, second.gap.seconds) == ("7", 14.221)
    assert (third.number, third.gap.seconds) == ("51", 36.730)
    assert third.interval.seconds == pytest.approx(36.730 - 14.221)


def test_le_mans_2024_class_winners_and_margins(le_mans_2024):
    lmp2 = le_mans_2024.in_class("LMP2")
    assert (lmp2[0].number, lmp2[0].laps) == ("22", 297)
    assert (lmp2[1].number, lmp2[1].class_gap.seconds) == ("34", 18.651)
    gt3 = le_mans_2024.in_class("LMGT3")
    assert (gt3[0].number, gt3[1].number) == ("91", "31")
    assert gt3[1].class_gap.as_json() == "1 Lap"


def test_le_mans_2024_bmw_20_took_the_flag_far_below_70_percent_and_is_not_classified(
    le_mans_2024,
):
    bmw = le_mans_2024.car("20")
    assert bmw.took_flag is True
    assert bmw.status is FinishStatus.NC
    assert le_mans_2024.car("83").status is FinishStatus.DNF  # stopped before the finish


def test_le_mans_2025_af_corse_83_wins_on_387_laps(le_mans_2025):
    first, second, third = le_mans_2025.cars[:3]
    assert (first.number, first.laps) == ("83", 387)
    assert (second.number, second.gap.seconds) == ("6", 14.084)
    assert (third.number, third.gap.seconds) == ("51", 28.487)
    assert le_mans_2025.in_class("LMP2")[0].number == "43"
    gt3 = le_mans_2025.in_class("LMGT3")
    assert (gt3[0].number, gt3[1].number, gt3[1].class_gap.seconds) == ("92", "21", 33.259)


def test_le_mans_2025_keeps_car_numbers_with_leading_zeros(le_mans_2025):
    numbers = {car.number for car in le_mans_2025.cars}
    assert {"007", "009", "7"} <= numbers
    assert le_mans_2025.car("007").team != le_mans_2025.car("7").team


def test_le_mans_2019_toyota_8_wins_and_keating_85_crosses_first_in_gte_am(le_mans_2019):
    assert (le_mans_2019.cars[0].number, le_mans_2019.cars[0].laps) == ("8", 385)
    am = le_mans_2019.in_class("LMGTE Am")
    assert (am[0].number, am[1].number, am[1].class_gap.seconds) == ("85", "56", 44.943)


def test_le_mans_2019_fords_85_and_68_disqualified_hand_gte_am_to_56():
    penalties = tuple(
        Penalty(number=n, kind=PenaltyKind.DSQ, reason="Fuel stint irregularity")
        for n in ("85", "68")
    )
    result = _classify("wec_2019_le_mans_24h_race_analysis_hour24.csv", penalties)
    am = result.in_class("LMGTE Am")
    assert am[0].number == "56"
    assert am[0].class_gap is None
    assert am[-1].number == "85"
    assert am[-1].status is FinishStatus.DSQ
    assert am[-1].notes() == "DSQ (Fuel stint irregularity)"
    pro = result.in_class("LMGTE Pro")
    assert _class_order(result, "LMGTE Pro")[:3] == ["51", "91", "93"]
    assert pro[-1].number == "68"
    assert pro[-1].status is FinishStatus.DSQ
    assert result.cars[-1].status is FinishStatus.DSQ


def test_every_car_of_a_24_hour_race_is_accounted_for(le_mans_2024):
    assert len(le_mans_2024.cars) == 62
    assert [car.position for car in le_mans_2024.cars] == list(range(1, 63))
    assert sum(car.laps_led for car in le_mans_2024.cars) == 311


def test_elms_2014_imola_classification_csv_keeps_its_statuses():
    session = read_timing_path(
        real_file("alkamel", "elms_2014_imola_4h_race_classification.csv")
    )
    result = classify(session, RuleSet())
    statuses = [car.status for car in result.cars]
    assert statuses.count(FinishStatus.CLASSIFIED) == 32
    assert statuses.count(FinishStatus.NC) == 5
    assert [car.number for car in result.cars] == [car.number for car in session.cars]
    assert result.cars[0].race_seconds == pytest.approx(4 * 3600 + 4.690)
    assert result.cars[1].gap.seconds == pytest.approx(28.869)


def test_elms_2014_silverstone_has_one_car_that_did_not_start():
    session = read_timing_path(
        real_file("alkamel", "elms_2014_silverstone_4h_race_classification.csv")
    )
    result = classify(session, RuleSet())
    statuses = [car.status for car in result.cars]
    assert statuses.count(FinishStatus.CLASSIFIED) == 35
    assert statuses.count(FinishStatus.NC) == 2
    assert statuses.count(FinishStatus.DNS) == 1
    dns = result.car("71")
    assert (dns.status, dns.gap.as_json()) == (FinishStatus.DNS, "118 Laps")
    assert result.car("81").class_interval.as_json() == "2 Laps"
