"""Every reader opens its file the same way: an unreadable file or undecodable bytes is one
located problem, and every time text is read as the same count of seconds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from pitboard.cli.timing_commands import load_rules
from pitboard.domain import InputError, Problem
from pitboard.domain.durations import parse_duration
from pitboard.formats.alkamel.table import read_table, seconds_expr
from pitboard.ingest import load_season_file
from pitboard.ingest.imports import Target, read_incoming
from pitboard.rules.lineup import DrivingTime
from tests.conftest import (
    read_columns,
    read_penalties,
    read_qualifying,
    read_results,
    read_timing_path,
    read_timing_sessions,
    reader_of,
    real_file,
)

READERS: dict[str, Callable[[Path], object]] = {
    "results CSV": read_results,
    "qualifying CSV": read_qualifying,
    "penalties CSV": read_penalties,
    "Al Kamel analysis columns": read_columns,
    "format detection": reader_of,
    "timing file": read_timing_path,
    "timing sessions": read_timing_sessions,
    "season file": load_season_file,
    "rules file": load_rules,
    "import": lambda path: read_incoming(path, Target("2013", "1")),
}


@pytest.mark.parametrize("reader", sorted(READERS))
def test_a_missing_file_is_one_problem_naming_it(reader: str, tmp_path: Path) -> None:
    path = tmp_path / "absent.csv"
    with pytest.raises(InputError) as caught:
        READERS[reader](path)
    assert caught.value.problems == [
        Problem(str(path), None, "file", "a readable file", "No such file or directory")
    ]


def test_a_folder_is_not_a_readable_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_results(tmp_path, "results.csv")
    assert caught.value.problems == [
        Problem("results.csv", None, "file", "a readable file", "Is a directory")
    ]


def test_a_season_file_in_latin_1_points_at_the_line_of_the_bad_byte(tmp_path: Path) -> None:
    path = tmp_path / "season.yaml"
    path.write_bytes('series: {id: demo, name: Demo}\nseason: "2024"\nname: Coupe de Fr\u00e9jus\n'
                     .encode("latin-1"))
    with pytest.raises(InputError) as caught:
        load_season_file(path)
    assert caught.value.problems == [Problem(str(path), 3, "encoding", "UTF-8 text", "byte 0xe9")]


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("36.144", 36.144),
        ("1:36.144", 96.144),
        ("1'36.144", 96.144),
        ("4:00'04.690", 14404.69),
        ("6:00:04.5", 21604.5),
        ("45:00", 2700.0),
        (" 1:45:00 ", 6300.0),
    ],
)
def test_every_written_form_of_a_duration_is_the_same_seconds(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "DNF", "1:2:3:4", "-1:00", "1:-30"])
def test_what_is_not_a_duration_gives_none(text: str) -> None:
    assert parse_duration(text) is None


def test_a_rule_set_reads_a_regulation_clock_as_the_readers_do() -> None:
    rule = DrivingTime(min_seconds="1:45:00", max_seconds="3:30:00")  # type: ignore[arg-type]
    assert (rule.min_seconds, rule.max_seconds) == (6300, 12600)
    with pytest.raises(ValueError, match="a duration as seconds or H:MM:SS"):
        DrivingTime(min_seconds="an hour and three quarters")  # type: ignore[arg-type]


@pytest.mark.real_data
@pytest.mark.parametrize(
    ("name", "columns"),
    [
        ("elms_2014_imola_4h_race_classification.csv", ("TOTAL_TIME", "FL_TIME")),
        ("wec_2019_spa_6h_race_analysis_hour6.csv", ("LAP_TIME", "ELAPSED", "PIT_TIME")),
    ],
)
def test_the_vectorised_al_kamel_times_agree_with_the_scalar_reading(
    name: str, columns: tuple[str, ...]
) -> None:
    path = real_file("alkamel", name)
    frame = read_table(path.read_bytes(), name, columns)
    for column in columns:
        texts = frame[column].to_list()
        vectorised = frame.select(seconds_expr(column)).to_series().to_list()
        scalar = [None if (s := parse_duration(t)) is None else round(s, 3) for t in texts]
        assert vectorised == scalar, column
        assert any(s is not None for s in scalar), column
