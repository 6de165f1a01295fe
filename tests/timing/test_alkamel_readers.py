"""The Al Kamel readers: both Analysis layouts, the Classification CSV, and located problems."""

from __future__ import annotations

import pytest

from pitboard.domain import InputError
from pitboard.domain.timing import SessionKind
from pitboard.formats.alkamel import parse_analysis, parse_classification
from tests.conftest import (
    read_timing_path,
    reader_of,
    real_file,
)

HEADER_2024 = (
    "\ufeffNUMBER; DRIVER_NUMBER; LAP_NUMBER; LAP_TIME; LAP_IMPROVEMENT; "
    "CROSSING_FINISH_LINE_IN_PIT; S1; S1_IMPROVEMENT; S2; S2_IMPROVEMENT; S3; S3_IMPROVEMENT; "
    "KPH; ELAPSED; HOUR;S1_LARGE;S2_LARGE;S3_LARGE;TOP_SPEED;DRIVER_NAME;PIT_TIME;CLASS;GROUP;"
    "TEAM;MANUFACTURER;FLAG_AT_FL;S1_SECONDS;S2_SECONDS;S3_SECONDS;"
)


def _row(*, number="22", lap=1, time="3:39.529", pit="", elapsed="3:39.529", pit_time="",
         flag="GF", s1="34.734", extra="") -> str:
    return (
        f"{number};1;{lap};{time};0;{pit};{s1};0;1:24.901;0;1:39.894;0;223.4;{elapsed};"
        f"16:07:59.407;0:34.734;1:24.901;1:39.894;315.4;Phil HANSON;{pit_time};LMP2;P/A;"
        f"United Autosports;Oreca;{flag};{s1};84.901;99.894;{extra}"
    )


def _file(*rows: str) -> bytes:
    return "\r\n".join([HEADER_2024, *rows, ""]).encode("utf-8")


def test_analysis_2024_layout_gives_laps_with_pit_flags_sectors_and_sub_class():
    session = parse_analysis(
        _file(
            _row(lap=1),
            _row(lap=2, time="4:10.000", pit="B", elapsed="7:49.529"),
            _row(lap=3, time="1:03:39.000", elapsed="1:11:28.529", pit_time="0:01:27.261"),
        ),
        "race.csv",
    )
    (car,) = session.cars
    assert (car.number, car.class_code, car.group, car.team) == ("22", "LMP2", "P/A",
                                                                 "United Autosports")
    first, in_lap, out_lap = car.laps
    assert first.sectors == (34.734, 84.901, 99.894)
    assert in_lap.pit_in
    assert not out_lap.pit_in
    assert out_lap.pit_time_seconds == pytest.approx(87.261)
    assert out_lap.time_seconds == pytest.approx(3819.0)
    assert out_lap.elapsed_seconds == pytest.approx(4288.529)
    assert first.flag == "GF"
    assert out_lap.source.line == 4


def test_analysis_tolerates_unknown_columns():
    text = _file(_row(extra="x;")).decode().replace("S3_SECONDS;", "S3_SECONDS;SOMETHING_NEW;", 1)
    session = parse_analysis(text.encode(), "race.csv")
    assert session.cars[0].laps[0].time_seconds == pytest.approx(219.529)


def test_a_missing_required_column_is_reported_on_the_header_line():
    text = _file(_row()).decode().replace("ELAPSED", "ELAPSED_NOT", 1)
    with pytest.raises(InputError) as err:
        parse_analysis(text.encode(), "race.csv")
    assert [str(p) for p in err.value.problems] == [
        "race.csv:1: ELAPSED: expected a column named ELAPSED, found no such column"
    ]


def test_every_bad_value_is_reported_with_its_line_and_field():
    data = _file(_row(lap=1), _row(lap=2, time="3:6x.1"), _row(lap=3, flag="ZZ"),
                 _row(lap=4, pit="Q"))
    with pytest.raises(InputError) as err:
        parse_analysis(data, "race.csv")
    messages = [str(p) for p in err.value.problems]
    assert messages[0] == "race.csv:3: LAP_TIME: expected a time like 3:28.871, found '3:6x.1'"
    assert any(m.startswith("race.csv:4: FLAG_AT_FL:") and "'ZZ'" in m for m in messages)
    assert any(m.startswith("race.csv:5: CROSSING_FINISH_LINE_IN_PIT:") for m in messages)
    assert len(messages) == 3


def test_a_row_with_missing_fields_is_a_located_problem():
    data = _file(_row(lap=1), "22;1;2;3:39.529")
    with pytest.raises(InputError) as err:
        parse_analysis(data, "race.csv")
    assert str(err.value.problems[0]).startswith("race.csv:3: row:")


def test_classification_csv_reads_apostrophe_times_gaps_and_statuses():
    data = (
        "\ufeffPOSITION;NUMBER;TEAM;DRIVER_1;DRIVER_2;DRIVER_3;DRIVER_4;VEHICLE;TYRES;CLASS;"
        "GROUP;DIVISION;STATUS;LAPS;TOTAL_TIME;GAP_FIRST;GAP_PREVIOUS;FL_LAPNUM;FL_TIME;FL_KPH;\r\n"
        "1;38;Jota Sport;Simon DOLAN;Harry TINCKNELL;;;Zytek Z11SN - Nissan;D;LMP2;;;Classified;"
        "139;4:00'04.690;;;71;1'36.144;183.8;\r\n"
        "2;71;SMP Racing;Kirill LADYGIN;;;;Ferrari F458 Italia GT3;M;GTC;;;Not started;0;;"
        "139 Laps;139 Laps;;;;\r\n"
    ).encode()
    session = parse_classification(data, "class.csv")
    first, dns = session.cars
    assert first.stated_total_seconds == pytest.approx(14404.690)
    assert first.stated_best_lap_seconds == pytest.approx(96.144)
    assert [d.name for d in first.drivers] == ["Simon DOLAN", "Harry TINCKNELL"]
    assert (first.manufacturer, first.stated_laps) == ("Zytek", 139)
    assert (dns.stated_status.value, dns.stated_laps) == ("DNS", 0)


def test_classification_csv_rejects_an_unknown_status():
    data = (
        b"POSITION;NUMBER;TEAM;CLASS;STATUS;LAPS;TOTAL_TIME;\n1;38;Jota;LMP2;Finished;139;4:00'04.690;\n"
    )
    with pytest.raises(InputError) as err:
        parse_classification(data, "class.csv")
    assert str(err.value.problems[0]).startswith("class.csv:2: STATUS: expected an Al Kamel status")


@pytest.mark.real_data
@pytest.mark.parametrize(
    ("name", "cars", "laps"),
    [
        ("wec_2019_le_mans_24h_race_analysis_hour24.csv", 61, 18765),
        ("wec_2019_spa_6h_race_analysis_hour6.csv", 34, 4232),
        ("wec_2024_bahrain_8h_race_analysis.csv", 36, 7486),
        ("wec_2025_spa_6h_race_analysis.csv", 36, 4630),
    ],
)
def test_real_analysis_files_of_both_layouts_read_every_lap(name, cars, laps):
    path = real_file("alkamel", name)
    assert reader_of(path).name == "alkamel-analysis"
    session = read_timing_path(path)
    assert session.kind is SessionKind.RACE
    assert len(session.cars) == cars
    assert sum(len(car.laps) for car in session.cars) == laps


@pytest.mark.parametrize("time", ["NaN", "inf", "1e400", "9" * 400])
def test_a_lap_time_that_is_no_number_is_located_not_a_crash(time: str) -> None:
    """`float` reads NaN and inf; the fast read and the cell-by-cell one both refuse them."""
    with pytest.raises(InputError) as caught:
        parse_analysis(_file(_row(lap=1), _row(lap=2, time=time, elapsed="7:49.529")), "a.csv")
    problem = caught.value.problems[0]
    assert (problem.file, problem.line, problem.field) == ("a.csv", 3, "LAP_TIME")


def test_an_analysis_file_with_only_its_header_is_located() -> None:
    with pytest.raises(InputError) as caught:
        parse_analysis(_file(), "cut.csv")
    assert [(p.line, p.field, p.found) for p in caught.value.problems] == [
        (2, "LAP_NUMBER", "no rows")
    ]


def test_latin1_bytes_in_a_row_are_an_encoding_problem() -> None:
    data = _file(_row(lap=1), _row(lap=2, elapsed="7:49.529")).replace(b"Phil", b"Ph\xe9l", 1)
    with pytest.raises(InputError) as caught:
        parse_analysis(data, "latin.csv")
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, "encoding")]


def test_a_classification_total_of_inf_is_located() -> None:
    header = "POSITION;NUMBER;TEAM;CLASS;STATUS;LAPS;TOTAL_TIME;FL_TIME"
    data = f"{header}\n1;7;T;LMP2;Classified;10;inf;1'36.144\n".encode()
    with pytest.raises(InputError) as caught:
        parse_classification(data, "c.csv")
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, "TOTAL_TIME")]
