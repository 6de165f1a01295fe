"""The results CSV: free column order, statuses, car numbers as text, every problem at once."""

from __future__ import annotations

import pytest

from pitboard.domain import FinishStatus, InputError
from pitboard.formats.results_csv.reader import parse_qualifying, parse_results
from tests.conftest import (
    read_results,
)

HEADER = "round,class,pos,number,team,drivers,chassis,engine,manufacturer,pole"


def test_columns_in_any_order_and_case_unknown_ones_ignored() -> None:
    text = (
        "Team,POS,Class,Number,Round,Drivers,Chassis,Colour\n"
        "KCMG,1,LMP2,18,1,A / B,Morgan LMP2,red\n"
    )
    (line,) = parse_results(text, "x.csv").lines()
    assert (line.team, line.order, line.class_code, line.number) == ("KCMG", 1, "LMP2", "18")
    assert line.drivers == ("A", "B")
    assert line.manufacturer == "Morgan"  # first word of the chassis when no manufacturer


def test_car_number_007_is_not_7() -> None:
    text = f"{HEADER}\n1,GTC,1,007,Craft Racing,A,Aston Martin V12,,Aston Martin,yes\n"
    (line,) = parse_results(text, "x.csv").lines()
    assert line.number == "007" and line.pole and line.manufacturer == "Aston Martin"


@pytest.mark.parametrize(
    ("pos", "status"),
    [("NC", FinishStatus.NC), ("dnf", FinishStatus.DNF), ("Ret", FinishStatus.DNF),
     ("DNS", FinishStatus.DNS), ("DSQ", FinishStatus.DSQ), ("EXC", FinishStatus.EXC),
     ("21 DNF", FinishStatus.DNF), ("3", FinishStatus.CLASSIFIED)],
)
def test_pos_takes_places_and_statuses(pos: str, status: FinishStatus) -> None:
    text = f"{HEADER}\n1,GTC,{pos},7,T,A,C,,,\n"
    (line,) = parse_results(text, "x.csv").lines()
    assert line.status is status


def test_two_races_in_a_round_and_named_rounds() -> None:
    text = (
        "round,race,class,pos,number,team,drivers\n"
        "Okayama,1,GT1,1,69,JLOC,A\nOkayama,2,GT1,1,61,Nova,B\nShanghai,1,GT1,1,69,JLOC,A\n"
    )
    results = parse_results(text, "x.csv")
    keys = sorted(results.rounds)
    assert [(k.number, k.name) for k in keys] == [(1, "Okayama"), (2, "Shanghai")]
    assert sorted(results.rounds[keys[0]]) == [1, 2]


def test_every_problem_is_reported_with_file_line_and_field() -> None:
    text = (
        f"{HEADER}\n"
        "1,GTC,first,7,T,A,C,,,\n"         # bad pos
        "1,GTC,2,8,T,A,C,,,perhaps\n"      # bad pole
        ",GTC,3,9,T,A,C,,,\n"              # missing round
        "1,GTC,2,10,T,A,C,,,\n"            # place 2 given twice
        "1,GTC,4,8,T,A,C,,,\n"             # car 8 twice
    )
    with pytest.raises(InputError) as caught:
        parse_results(text, "bad.csv")
    messages = [str(p) for p in caught.value.problems]
    assert messages == [
        "bad.csv:2: pos: expected a finishing place (1, 2 ...) or NC, DNF, DNS, DSQ, EXC, "
        "found 'first'",
        "bad.csv:3: pole: expected yes, no or blank, found 'perhaps'",
        "bad.csv:4: round: expected a round number or name, found nothing",
        "bad.csv:5: pos: expected a place not already given on line 3, found '2'",
        "bad.csv:6: number: expected a car not already listed on line 3, found '8'",
    ]


def test_missing_required_columns_are_named() -> None:
    with pytest.raises(InputError) as caught:
        parse_results("round,class,team\n1,GTC,T\n", "short.csv")
    assert {p.field for p in caught.value.problems} == {"pos", "number", "drivers"}
    assert all(p.line == 1 for p in caught.value.problems)


def test_semicolon_separated_spreadsheet_export() -> None:
    text = "round;class;pos;number;team;drivers\n1;LMP2;1;24;OAK Racing;A / B\n"
    (line,) = parse_results(text, "x.csv").lines()
    assert line.team == "OAK Racing"


def test_qualifying_disallowed_time_kept_without_a_lap() -> None:
    text = (
        "pos,class,number,team,driver,time\n"
        "1,GT1,61,Nova,T,Disallowed\n2,GT1,50,Larbre,C,1:29.827\n"
    )
    session = parse_qualifying(text, "q.csv")
    first, second = session.lines
    assert first.disallowed and first.time_seconds is None
    assert second.time_seconds == pytest.approx(89.827)


def test_qualifying_bad_time_is_located() -> None:
    with pytest.raises(InputError) as caught:
        parse_qualifying("pos,class,number,team,time\n1,GT1,61,Nova,fast\n", "q.csv")
    assert str(caught.value.problems[0]).startswith("q.csv:2: time:")


def test_round_numbers_and_names_cannot_be_mixed() -> None:
    text = "round,class,pos,number,team,drivers\n1,GT,1,7,T,A\nFuji,GT,1,7,T,A\n"
    with pytest.raises(InputError) as caught:
        parse_results(text, "mix.csv")
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (3, "round")


def test_a_car_listed_classified_below_the_distance_share_is_not_classified(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A results CSV gives the race as it finished; the rule set's distance rule judges it, for
    `pitboard standings FILE.csv` and for a season file alike."""
    import json

    from typer.testing import CliRunner

    from pitboard.cli import app

    csv = tmp_path / "race.csv"
    csv.write_text(
        "round,class,pos,number,team,drivers,laps\n"
        "1,GT,1,1,Alpha,A One,100\n"
        "1,GT,2,2,Beta,B Two,70\n"
        "1,GT,3,3,Gamma,C Three,69\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["standings", str(csv), "--table", "teams",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    (table,) = json.loads(result.output)["standings"]
    totals = {row["name"]: row["total"] for row in table["rows"]}
    assert totals["Alpha"] == 25 and totals["Beta"] == 18
    assert totals.get("Gamma", 0) == 0  # 69 of 100 laps: NC, no points
    from pitboard.ingest.season_file import season_from_results
    from pitboard.rules import RuleSet

    season = season_from_results(read_results(csv), RuleSet(), "race").season
    gamma = season.rounds[0].races[0].results[2]
    assert gamma.status.value == "NC"
    assert gamma.note == "69 laps, below 70% of the winner's 100 (70 needed)"


@pytest.mark.parametrize("pos", ["²", "9" * 400, "9" * 5000 + " DNF"])
def test_a_place_that_is_no_plain_number_is_located(pos: str) -> None:
    """`str.isdigit` accepts `²` and `int` refuses it; thousands of digits `int` refuses too."""
    with pytest.raises(InputError) as caught:
        parse_results(f"{HEADER}\n1,GTC,{pos},7,T,A,C,,,\n", "odd.csv")
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (2, "pos")
    assert len(str(problem)) < 300  # a huge cell is shown cut, with its length


def test_a_lap_count_too_large_for_the_database_is_located() -> None:
    text = "round,class,pos,number,team,drivers,laps\n1,GTC,1,7,T,A," + "9" * 30 + "\n"
    with pytest.raises(InputError) as caught:
        parse_results(text, "laps.csv")
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, "laps")]


@pytest.mark.parametrize("time", ["NaN", "inf", "1e400"])
def test_a_qualifying_time_of_nan_or_inf_is_located(time: str) -> None:
    text = f"pos,class,number,team,time\n1,GT,7,T,{time}\n"
    with pytest.raises(InputError) as caught:
        parse_qualifying(text, "q.csv")
    assert [(p.line, p.field) for p in caught.value.problems] == [(2, "time")]
