"""The commands as a user runs them in an 80-column terminal (`COLUMNS=80`, a real process):
whole names, whole ids, every figure of a classification and of a qualifying order, help that
reads without cut option names or type noise.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import real_file

LE_MANS_2019 = ("alkamel", "wec_2019_le_mans_24h_race_analysis_hour24.csv")
IRACING = ("iracing", "iracing_2021_bathurst_hosted_multiclass_36788868.json")
TOPEKA = ("rfactor2", "rf2_2013_topeka_megane_20min_race_with_penalties.xml")


def pitboard(*args: str, columns: int = 80) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1", "TERM": "dumb"}
    script = Path(sys.executable).with_name("pitboard")  # the command users run
    command = [str(script)] if script.exists() else [sys.executable, "-m", "pitboard"]
    return subprocess.run([*command, *args], capture_output=True, text=True, env=env,
                          check=False, timeout=120)


def json_rows(*args: str) -> list[dict[str, Any]]:
    done = pitboard(*args, "--format", "json")
    assert done.returncode == 0, done.stderr
    rows: list[dict[str, Any]] = json.loads(done.stdout)["classification"]
    return rows


def flat(text: str) -> str:
    """The output with its layout taken out: a name wrapped over two lines of its cell reads
    whole again."""
    return " ".join(text.split())


def lap_time(seconds: float) -> str:
    minutes, rest = divmod(round(seconds * 1000), 60_000)
    return f"{minutes}:{rest / 1000:06.3f}"


def gap_text(gap: float | str | None) -> str:
    if gap is None or isinstance(gap, str):
        return gap or ""
    minutes, rest = divmod(round(gap * 1000), 60_000)
    return f"+{minutes}:{rest / 1000:06.3f}" if minutes else f"+{gap:.3f}"


def car_lines(table: str, number: str) -> list[str]:
    """The table lines of one car (narrow layout): from its `#number` line to the blank line."""
    lines = table.splitlines()
    start = next(i for i, line in enumerate(lines) if re.search(rf"\s#{number}\s", line))
    end = next((i for i in range(start, len(lines)) if not lines[i].strip()), len(lines))
    return lines[start:end]


@pytest.mark.parametrize("command", ["classify", "qualifying", "laps", "standings", "results",
                                     "export", "rules", "check", "seasons", "recordbook"])
def test_help_fits_80_columns_with_whole_option_names_and_no_type_tags(command: str) -> None:
    done = pitboard(command, "--help")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert all(len(line) <= 80 for line in lines), [x for x in lines if len(x) > 80]
    assert "<bool>" not in done.stdout and "…" not in done.stdout
    if command == "classify":
        for option in ("--distance-reference", "--flag-required / --no-flag-required",
                       "--min-driver-time SECONDS", "-c, --class CLASS", "--penalties FILE"):
            assert option in done.stdout
    if command == "standings":
        assert "--pole-needs-classification / --pole-counts-unclassified" in done.stdout


def test_the_command_list_gives_each_command_its_whole_first_sentence() -> None:
    done = pitboard("--help")
    assert ("Import files into the database, all in one transaction (all or nothing), each "
            "checked against its season; a file that would replace results needs --replace."
            ) in flat(done.stdout)
    commands = done.stdout.split("Commands:")[1]
    assert "..." not in commands


def test_seasons_shows_every_id_whole() -> None:
    ids = [s["id"] for s in json.loads(pitboard("seasons", "--format", "json").stdout)]
    table = pitboard("seasons").stdout
    for season_id in ids:
        assert re.search(rf"^\s*{re.escape(season_id)}\s", table, re.MULTILINE), season_id


@pytest.mark.real_data
def test_classify_keeps_every_figure_and_whole_names(tmp_path: Path) -> None:
    """Le Mans 2019 after the stewards disqualified #85 and #68: every car's place, laps, gap,
    interval and best lap, and every driver's whole name, at 80 columns."""
    path = str(real_file(*LE_MANS_2019))
    penalties = tmp_path / "decisions.csv"
    penalties.write_text("number,kind,value,reason\n85,dsq,,Fuel stint irregularity\n"
                         "68,dsq,,Fuel stint irregularity\n")
    rows = json_rows("classify", path, "--penalties", str(penalties))
    done = pitboard("classify", path, "--penalties", str(penalties))
    assert done.returncode == 0, done.stderr
    table = done.stdout
    assert all(len(line) <= 80 for line in table.splitlines())
    for row in rows:
        cell = flat("\n".join(car_lines(table, row["number"])))
        for figure in (str(row["laps"]), gap_text(row["gap"]), gap_text(row["interval"]),
                       lap_time(row["best_lap"])):
            assert figure in cell, (row["number"], figure, cell)
        for driver in row["drivers"]:  # never cut to the last word: "Giorgio RODA JR"
            assert driver in cell, (driver, cell)
    assert "Nyck DE VRIES" in flat(table) and "Giorgio RODA JR" in flat(table)
    assert "\nJR\n" not in table and not re.search(r"^\s*VRIES\b", table, re.MULTILINE)


@pytest.mark.real_data
def test_cars_not_classified_get_no_place_in_class_and_a_dsq_no_race_time(tmp_path: Path
                                                                          ) -> None:
    path = str(real_file(*LE_MANS_2019))
    penalties = tmp_path / "decisions.csv"
    penalties.write_text("number,kind,value,reason\n85,dsq,,Fuel stint irregularity\n")
    table = pitboard("classify", path, "--penalties", str(penalties)).stdout
    keating = car_lines(table, "85")[0]
    assert keating.split()[:3] == ["DSQ", "LMGTE", "Am"]  # no "LMGTE Am 16"
    assert not re.search(r"\d+:\d\d:\d\d\.\d{3}", keating)  # no race time in the gap column
    retired = [r for r in json_rows("classify", path) if r["status"] == "DNF"]
    assert retired
    for row in retired:
        first = car_lines(table, row["number"])[0].split()
        assert first[0] == "DNF" and f"{row['class']} {row['class_position']}" \
            not in " ".join(first)
    assert "Decisions" in table and "#85 Keating Motorsports: DSQ (Fuel stint irregularity)" \
        in flat(table)


@pytest.mark.real_data
def test_penalties_print_whole_under_the_table() -> None:
    """Topeka: mauserrifle's unserved penalty, whole, with its reason, and no column squeezed
    to a few letters."""
    done = pitboard("classify", str(real_file(*TOPEKA)))
    assert "#01 Blue Sphere: +35 s (finished before serving a penalty)" in done.stdout
    header = next(line for line in done.stdout.splitlines() if line.startswith("Pos"))
    assert header.split() == ["Pos", "No", "Team", "Drivers", "Laps", "Time/gap", "Int", "Best"]


@pytest.mark.real_data
def test_qualifying_shows_every_best_lap_and_names_the_session_it_orders() -> None:
    """The iRacing file holds practice, qualifying and race: `qualifying` orders the
    qualifying session, by every car's best lap, and says so."""
    path = str(real_file(*IRACING))
    rows = json_rows("qualifying", path)
    done = pitboard("qualifying", path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].strip() == "Qualifying"
    assert "RACE" not in done.stdout
    timed = [row for row in rows if row["best_lap"] is not None]
    assert len(timed) >= len(rows) - 1  # one car set no time
    for row in timed:
        line = next(x for x in lines if re.match(rf"\s*{row['position']}\s+{row['number']}\s",
                                                   x))
        assert lap_time(row["best_lap"]) in line and gap_text(row["gap"]) in line
        assert row["drivers"][0] in line  # "Dave N", not "N"


@pytest.mark.real_data
def test_laps_of_a_file_without_laps_is_a_located_problem(tmp_path: Path) -> None:
    path = real_file("alkamel", "elms_2014_imola_4h_race_classification.csv")
    out = tmp_path / "laps.csv"
    done = pitboard("laps", str(path), "--output", str(out))
    assert done.returncode == 2
    assert flat(done.stderr).startswith(f"{path}: laps: expected a timing file with lap times")
    assert not out.exists()


def test_champions_keeps_every_name_whole_at_80_columns() -> None:
    done = pitboard("champions", "asian-le-mans-series")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    document = json.loads(pitboard("champions", "asian-le-mans-series", "--format",
                                   "json").stdout)
    names = {n for s in document["seasons"] for c in s["champions"] for n in c["names"]}
    for name in names:
        assert any(name in line for line in lines), name
