"""A season round can point at a timing file (and a penalties CSV) instead of a results CSV."""

from __future__ import annotations

import pytest

from pitboard.domain import FinishStatus
from pitboard.ingest.season_file import load_season_file
from tests.conftest import real_file

pytestmark = pytest.mark.real_data


def test_round_reads_le_mans_2019_timing_with_its_disqualifications(tmp_path):
    timing = real_file("alkamel", "wec_2019_le_mans_24h_race_analysis_hour24.csv")
    (tmp_path / "penalties.csv").write_text(
        "number,kind,value,reason\n85,dsq,,Fuel\n68,dsq,,Fuel\n"
    )
    (tmp_path / "season.yaml").write_text(
        "series: {id: wec, name: FIA WEC}\n"
        "season: 2018-19\n"
        "calendar:\n"
        "  - round: 8\n"
        "    name: 24 Hours of Le Mans\n"
        "    races:\n"
        f"      - timing: {timing}\n"
        "        penalties: penalties.csv\n"
    )
    season = load_season_file(tmp_path / "season.yaml").season
    (race,) = season.rounds[0].races
    am = [line for line in race.results if line.class_code == "LMGTE Am"]
    assert (am[0].number, am[0].order, am[0].status) == ("56", 1, FinishStatus.CLASSIFIED)
    ford = next(line for line in race.results if line.number == "85")
    assert ford.status is FinishStatus.DSQ
    assert race.results[0].number == "8"
    assert race.results[0].laps == 385
