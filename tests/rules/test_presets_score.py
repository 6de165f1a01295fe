"""Each bundled rule set scores a small real or realistic race as its regulations publish."""

from __future__ import annotations

from decimal import Decimal

import pytest
from crafted_races import line, race

from pitboard.domain import FinishStatus
from pitboard.engine.points import score_race
from pitboard.engine.standings import season_standings
from pitboard.ingest.catalog import find_season
from pitboard.rules.presets import load_preset, preset_names

HOURS = 3600.0


def points(scored: dict[str, list], number: str) -> Decimal:
    return next(s.points for lines in scored.values() for s in lines if s.line.number == number)


@pytest.mark.parametrize("name", preset_names())
def test_every_bundled_rule_set_loads_and_says_what_it_scores(name: str) -> None:
    preset = load_preset(name)
    assert preset.series
    assert preset.season
    assert preset.about
    assert preset.rules.describe()


def test_the_bundled_rule_sets_cover_the_series_of_the_issue() -> None:
    names = set(preset_names())
    assert {"aslms-2009", "aslms-2013", "aslms-2014", "aslms-2018-19", "elms-2019",
            "wec-2018-19", "wec-2019-20", "wec-2021", "imsa-2019", "imsa-mec-2019"} <= names


def le_mans_2020_lmp1():
    """LMP1 at the 2020 24 Hours of Le Mans: #8 Toyota won, #7 Toyota took pole and was third."""
    return race(
        line("LMP1", 1, "8", ("Sébastien Buemi", "Kazuki Nakajima", "Brendon Hartley")),
        line("LMP1", 2, "1", ("Bruno Senna", "Gustavo Menezes", "Norman Nato")),
        line("LMP1", 3, "7", ("Mike Conway", "Kamui Kobayashi", "José María López"), pole=True),
        line("LMP1", 4, "3", ("Nathanaël Berthon", "Louis Delétraz", "Romain Dumas")),
        line("LMP1", 5, "4", status=FinishStatus.DNF),
        scheduled_seconds=24 * HOURS,
    )


def test_wec_2019_20_le_mans_gives_double_points_and_the_pole_point() -> None:
    scored = score_race(le_mans_2020_lmp1(), load_preset("wec-2019-20").rules)
    assert points(scored, "8") == 50
    assert points(scored, "1") == 36
    assert points(scored, "7") == 30 + 1
    assert points(scored, "3") == 24
    assert points(scored, "4") == 0


def test_wec_2018_19_le_mans_gives_one_and_a_half_points_rounded_up() -> None:
    scored = score_race(le_mans_2020_lmp1(), load_preset("wec-2018-19").rules)
    assert [points(scored, n) for n in ("8", "1", "7")] == [38, 27, 23 + 1]


def test_wec_2018_19_sebring_1000_miles_is_scored_on_its_own_scale() -> None:
    sebring = race(line("LMP2", 1, "36"), line("LMP2", 2, "38"), scale="sebring-1000")
    scored = score_race(sebring, load_preset("wec-2018-19").rules)
    assert (points(scored, "36"), points(scored, "38")) == (32, 23)


def test_wec_2019_20_eight_hour_race_uses_the_8_hour_scale_by_its_length() -> None:
    bahrain = race(*(line("LMGTE Am", i, str(i)) for i in range(1, 13)),
                   scheduled_seconds=8 * HOURS)
    scored = score_race(bahrain, load_preset("wec-2019-20").rules)
    assert [points(scored, str(i)) for i in (1, 2, 3, 10, 11, 12)] == [38, 27, 23, 2, 1, 1]


def test_wec_six_hour_race_stopped_before_75_percent_gives_half_points() -> None:
    rules = load_preset("wec-2019-20").rules
    lines = [line("LMP2", i, str(i)) for i in range(1, 12)]
    stopped = race(*lines, scheduled_seconds=6 * HOURS, leader_seconds=4 * HOURS, leader_laps=120)
    scored = score_race(stopped, rules)
    assert [points(scored, str(i)) for i in (1, 2, 10, 11)] == [
        Decimal("12.5"), 9, Decimal("0.5"), Decimal("0.25")
    ]
    full = race(*lines, scheduled_seconds=6 * HOURS, leader_seconds=4.6 * HOURS, leader_laps=140)
    assert points(score_race(full, rules), "1") == 25


def test_wec_race_stopped_before_two_laps_gives_no_points() -> None:
    stopped = race(line("LMP2", 1, "1"), scheduled_seconds=6 * HOURS, leader_seconds=300,
                   leader_laps=1)
    assert points(score_race(stopped, load_preset("wec-2019-20").rules), "1") == 0


def test_elms_gives_half_a_point_beyond_the_tenth() -> None:
    field = race(*(line("LMP3", i, str(i)) for i in range(1, 13)))
    scored = score_race(field, load_preset("elms-2019").rules)
    assert [points(scored, str(i)) for i in (1, 10, 11, 12)] == [25, 1, Decimal("0.5"),
                                                                 Decimal("0.5")]


def test_imsa_2019_scores_down_the_field_from_35() -> None:
    # 2019's scale: 35 for the win; the scale ten times larger came in 2021.
    field = race(*(line("GTD", i, str(i)) for i in range(1, 33)))
    scored = score_race(field, load_preset("imsa-2019").rules)
    assert [points(scored, str(i)) for i in (1, 2, 3, 5, 6, 7, 10, 11, 30, 31)] == [
        35, 32, 30, 26, 25, 24, 21, 20, 1, 1
    ]


def test_imsa_endurance_cup_gives_5_4_3_2_at_each_checkpoint_and_the_finish() -> None:
    daytona = race(
        line("DPi", 1, "10"), line("DPi", 2, "31"), line("DPi", 3, "55"),
        line("DPi", 4, "5"), line("DPi", 5, "77"), line("GTLM", 1, "25"),
        scheduled_seconds=24 * HOURS,
        checkpoints=(
            {"name": "6 hours", "order": ("31", "25", "10", "55", "77", "5")},
            {"name": "12 hours", "order": ("10", "31", "77", "55", "5", "25")},
        ),
    )
    scored = score_race(daytona, load_preset("imsa-mec-2019").rules)
    # #10: second in class at 6 h (the GTLM #25 runs between), leader at 12 h, winner.
    assert points(scored, "10") == 4 + 5 + 5
    assert points(scored, "31") == 5 + 4 + 4
    assert points(scored, "77") == 2 + 3 + 2  # fourth or lower at a checkpoint: 2
    assert points(scored, "25") == 5 + 5 + 5  # alone in its class


def test_the_bundled_2013_season_scores_its_published_tables_through_the_preset() -> None:
    loaded = find_season("asian-le-mans-series/2013")
    assert loaded.rules.name == "Asian Le Mans Series 2013"
    assert not loaded.rules.lineup.is_empty
    tables = {(t.class_code, t.kind.value): t for t in season_standings(loaded.season,
                                                                         loaded.rules)}
    assert tables[("LMP2", "teams")].row("OAK Racing").total == 89
    assert tables[("GTC", "drivers")].row("Frank Yu").total == 52
    assert [a.name for a in loaded.rules.awards] == [
        "Invitation to the 2014 24 Hours of Le Mans (LMP2)",
        "Invitation to the 2014 24 Hours of Le Mans (LMGTE Am)",
    ]
