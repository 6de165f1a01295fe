"""The columnar race classification gives exactly the classification of the per-lap engine.

Every real Al Kamel Analysis file is classified both ways, bare and with a penalties file that
uses every kind of penalty, under the default rules and under changed ones (class distance,
minimum driving time, a scheduled duration or distance), and the JSON must be identical.
"""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain import InputError
from pitboard.domain.classification import Classification
from pitboard.domain.timing import TimingSession
from pitboard.engine.classification import classify
from pitboard.engine.lap_columns import classify_lap_columns
from pitboard.formats.alkamel.analysis import (
    analysis_columns,
    checked_rows,
    parse_analysis,
    sector_columns,
)
from pitboard.formats.alkamel.lap_columns import AnalysisColumns, assemble, fast_rows
from pitboard.formats.alkamel.table import header_names
from pitboard.rules import RuleSet
from tests.conftest import (
    read_columns,
    read_penalties,
    real_file,
)

FILES = (
    "wec_2024_le_mans_24h_race_analysis.csv",
    "wec_2025_le_mans_24h_race_analysis.csv",
    "wec_2019_le_mans_24h_race_analysis_hour24.csv",
    "wec_2019_spa_6h_race_analysis_hour6.csv",
    "wec_2024_bahrain_8h_race_analysis.csv",
    "wec_2025_spa_6h_race_analysis.csv",
)
RULES = {
    "default": RuleSet(),
    "class distance, driving minimum": RuleSet(
        min_distance_share=Decimal("0.9"), distance_reference="class",
        min_driver_seconds=3600.0,
    ),
    "no flag needed": RuleSet(chequered_flag_required=False),
}


@pytest.fixture(scope="module", params=FILES)
def both(request: pytest.FixtureRequest) -> tuple[Path, AnalysisColumns, TimingSession]:
    """Each file read once: as lap columns, and as the session with Lap records."""
    path = real_file("alkamel", request.param)
    columns = read_columns(path)
    return path, columns, columns.session_with_laps()


def _penalties_file(session: TimingSession, target: Path) -> Path:
    """A penalty of every kind, on cars picked by their place in the file."""
    cars = session.cars
    best_lap_of_first = min(
        (lap for lap in cars[0].laps if lap.time_seconds is not None),
        key=lambda lap: (lap.time_seconds or 0.0, lap.number),
    )
    target.write_text(
        "number,kind,value,reason\n"
        f"{cars[0].number},delete_lap,{best_lap_of_first.number},Track limits\n"
        f"{cars[1].number},time,30,Pit lane speeding\n"
        f"{cars[2].number},laps,1,Jump start\n"
        f"{cars[3].number},drop,3,Causing a collision\n"
        f"{cars[4].number},dsq,,Fuel stint irregularity\n"
        f"{cars[5].number},exclude,,Entry irregularity\n",
        encoding="utf-8",
    )
    return target


def _same(fast: Classification, full: Classification) -> None:
    assert fast.as_json() == full.as_json()
    assert fast == full


@pytest.mark.real_data
@pytest.mark.parametrize("rules", RULES.values(), ids=RULES.keys())
def test_fast_path_gives_the_classification_of_the_per_lap_engine(both, rules, tmp_path):
    _, columns, session = both
    _same(classify_lap_columns(columns, rules),
          classify(session, rules))
    penalties = read_penalties(_penalties_file(session, tmp_path / "penalties.csv"))
    _same(classify_lap_columns(columns, rules, penalties),
          classify(session, rules, penalties))


@pytest.mark.real_data
def test_fast_path_follows_a_scheduled_duration_or_distance(both):
    _, columns, session = both
    last = max(lap.elapsed_seconds or 0.0 for car in session.cars for lap in car.laps)
    for change in ({"scheduled_seconds": round(last * 0.5, 3)}, {"scheduled_laps": 40}):
        changed = replace(columns, session=columns.session.model_copy(update=change))
        _same(classify_lap_columns(changed), classify(session.model_copy(update=change)))


@pytest.mark.real_data
def test_the_fast_read_and_the_cell_by_cell_read_give_the_same_laps(both):
    path, columns, session = both
    assert columns.session.source_format == session.source_format
    assert parse_analysis(path.read_bytes(), str(path)) == session
    assert all(len(car.laps) for car in session.cars)


@pytest.mark.real_data
def test_every_real_file_takes_the_typed_read_and_it_gives_what_the_cell_checks_give(both):
    """The typed read must not fall back on real files, and must agree with the located read."""
    path, columns, _ = both
    data = path.read_bytes()
    sectors = sector_columns(header_names(data))
    rows = fast_rows(data, str(path), sectors)
    assert rows is not None
    checked = assemble(checked_rows(data, str(path), sectors), str(path), columns.session.kind,
                       sectors)
    assert checked.session == columns.session
    assert checked.laps.equals(columns.laps)


@pytest.mark.real_data
def test_classify_command_prints_the_per_lap_engine_classification(tmp_path):
    path = real_file("alkamel", "wec_2025_le_mans_24h_race_analysis.csv")
    session = read_columns(path).session_with_laps()
    penalties = _penalties_file(session, tmp_path / "penalties.csv")
    result = CliRunner().invoke(
        app, ["classify", str(path), "--penalties", str(penalties), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    expected = classify(session, RuleSet(), read_penalties(penalties)).as_json()
    assert printed["classification"] == expected["classification"]
    assert printed["session"]["class_best_laps"] == expected["session"]["class_best_laps"]
    assert printed["classification"][0]["number"] == "83"  # AF Corse won Le Mans 2025


HEADER = ("NUMBER;DRIVER_NUMBER;LAP_NUMBER;LAP_TIME;CROSSING_FINISH_LINE_IN_PIT;ELAPSED;"
          "DRIVER_NAME;PIT_TIME;CLASS;TEAM;S1;S1_SECONDS\n")


def test_laps_out_of_order_and_odd_time_forms_read_the_same_both_ways():
    """Rows not grouped by car, h:mm'ss times and padded cells leave the fast read."""
    text = HEADER + (
        "2;1;1;1:40.000;;1:40.000;B;;GT;T2;30.0;30.0\n"
        "1;1;2;1:35.000;; 0:03'10.000;A;;P;T1;30.0;30.0\n"
        "1;1;1;1:35.000;;1:35.000;A;;P;T1;30.0;30.0\n"
        "2;2;2;1:41.500;B;3:21.500;C;;GT;T2;30.0;30.0\n"
    )
    columns = analysis_columns(text.encode(), "race.csv")
    session = columns.session_with_laps()
    assert [car.number for car in session.cars] == ["2", "1"]
    assert [lap.elapsed_seconds for lap in session.cars[1].laps] == [95.0, 190.0]
    result = classify_lap_columns(columns)
    _same(result, classify(session))
    assert [car.number for car in result.cars] == ["1", "2"]


def test_a_bad_value_is_located_even_where_the_fast_read_is_tried_first():
    text = HEADER + (
        "1;1;1;1:35.000;;1:35.000;A;;P;T1;30.0;30.0\n"
        "1;1;2;1:35.000;X;3:10.000;A;;P;T1;30.0;-1\n"
        "1;1;2;1:35.000;;3:10.000;A;;P;T1;30.0;30.0\n"
    )
    with pytest.raises(InputError) as raised:
        analysis_columns(text.encode(), "race.csv")
    assert [str(p) for p in raised.value.problems] == [
        "race.csv:3: CROSSING_FINISH_LINE_IN_PIT: expected an Al Kamel code "
        "(one of 'B' or nothing), found 'X'",
        "race.csv:3: S1_SECONDS: expected a sector time, found '-1'",
    ]
    duplicate = text.replace(";X;", ";;").replace(";-1\n", ";30.0\n")
    with pytest.raises(InputError) as raised:
        analysis_columns(duplicate.encode(), "race.csv")
    assert [str(p) for p in raised.value.problems] == [
        "race.csv:4: LAP_NUMBER: expected each lap of car 1 once, found 2"
    ]


def test_time_cells_of_every_width_read_as_the_cell_checks_read_them():
    """Fixed-width cells (s.fff to hh:mm:ss.fff), blanks, and forms the fixed-width reading
    leaves to the general one (one-digit seconds after a colon, two decimals, h:mm'ss)."""
    text = HEADER + (
        "1;1;1;5.250;;5.250;A;;P;T1;30.0;30.0\n"
        "1;1;2;59.999;;1:05.249;A;1:2.50;P;T1;30.0;30.0\n"
        "1;1;3;1:00.001;B;2:05.250;A;;P;T1;30.0;30.0\n"
        "1;1;4;10:00.000;;12:05.250;A;0:01:27.26;P;T1;30.0;30.0\n"
        "1;1;5;;;1:12:05.250;A;;P;T1;;\n"
        "1;1;6;3:28.871;;25:00:00.001;A;;P;T1;1:00.000;60.0\n"
    )
    data = text.encode()
    sectors = sector_columns(header_names(data))
    fast = fast_rows(data, "race.csv", sectors)
    assert fast is not None
    checked = checked_rows(data, "race.csv", sectors)
    columns = ["time", "elapsed", "pit", *sectors]
    assert fast.laps.select(columns).equals(checked.laps.select(columns))
    assert fast.laps["elapsed"].to_list() == [5.25, 65.249, 125.25, 725.25, 4325.25, 90000.001]
    assert fast.laps["pit"].to_list() == [None, 62.5, None, 87.26, None, None]


def test_classification_reads_leave_out_sectors_and_flags_but_check_every_other_cell():
    """A sector time or flag no classification uses is not read for one; a bad lap time is."""
    text = HEADER.replace("S1_SECONDS\n", "S1_SECONDS;FLAG_AT_FL\n") + (
        "1;1;1;1:35.000;;1:35.000;A;;P;T1;30.0;oops;GF\n"
        "1;1;2;1:35.000;;3:10.000;A;;P;T1;30.0;30.0;??\n"
    )
    with pytest.raises(InputError) as raised:
        analysis_columns(text.encode(), "race.csv")
    assert {p.field for p in raised.value.problems} == {"S1_SECONDS", "FLAG_AT_FL"}
    columns = analysis_columns(text.encode(), "race.csv", classification_only=True)
    assert columns.sectors == ()
    assert classify_lap_columns(columns).cars[0].laps == 2
    bad_lap = text.replace("1;1;2;1:35.000;", "1;1;2;1:3x.000;")
    with pytest.raises(InputError) as raised:
        analysis_columns(bad_lap.encode(), "race.csv", classification_only=True)
    assert [(p.line, p.field) for p in raised.value.problems] == [(3, "LAP_TIME")]
