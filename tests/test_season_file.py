"""Season files: strict schema, located problems, nothing half-loaded."""

from __future__ import annotations

from pathlib import Path

import pytest

from pitboard.domain import InputError
from pitboard.ingest import load_season_file

MINIMAL = """\
series: {id: demo, name: Demo Series}
season: "2024"
calendar:
  - {round: 1, name: Opener}
results: [results.csv]
"""


def _write(tmp_path: Path, season: str, results: str | None = None) -> Path:
    (tmp_path / "season.yaml").write_text(season, encoding="utf-8")
    if results is not None:
        (tmp_path / "results.csv").write_text(results, encoding="utf-8")
    return tmp_path / "season.yaml"


def test_a_minimal_season_loads_with_default_rules(tmp_path: Path) -> None:
    path = _write(tmp_path, MINIMAL, "round,class,pos,number,team,drivers\n1,GT,1,7,T,A\n")
    loaded = load_season_file(path)
    assert loaded.season.id == "demo/2024"
    assert loaded.rules.points[0] == 25
    assert loaded.season.rounds[0].races[0].results[0].number == "7"


def test_schema_problems_name_line_and_field(tmp_path: Path) -> None:
    text = MINIMAL.replace("season: \"2024\"", "season: \"2024\"\ncolour: red").replace(
        "{round: 1, name: Opener}", "{round: one, name: Opener}"
    ) + "rules:\n  points: [10, 20]\n"
    path = _write(tmp_path, text, "round,class,pos,number,team,drivers\n")
    with pytest.raises(InputError) as caught:
        load_season_file(path)
    where = {(p.line, p.field) for p in caught.value.problems}
    assert (3, "colour") in where
    assert (5, "calendar.0.round") in where
    assert any(field == "rules.points" for _, field in where)


def test_unquoted_car_number_gets_a_hint(tmp_path: Path) -> None:
    text = MINIMAL + "entries:\n  - {class: GT, number: 7, team: T}\n"
    path = _write(tmp_path, text, "round,class,pos,number,team,drivers\n")
    with pytest.raises(InputError) as caught:
        load_season_file(path)
    (problem,) = caught.value.problems
    assert problem.field == "entries.0.number" and "quote car numbers" in problem.expected


def test_problems_of_named_files_and_unknown_rounds_come_together(tmp_path: Path) -> None:
    text = MINIMAL + "drivers:\n  - {name: A, nationality: XXX}\n"
    csv = "round,class,pos,number,team,drivers\n1,GT,one,7,T,A\n9,GT,1,8,T,B\n"
    path = _write(tmp_path, text, csv)
    with pytest.raises(InputError) as caught:
        load_season_file(path)
    fields = sorted(p.field for p in caught.value.problems)
    assert fields == ["drivers.0.nationality", "pos", "round"]


def test_nationalities_accept_ioc_codes(tmp_path: Path) -> None:
    text = MINIMAL + "drivers:\n  - {name: A, nationality: GER}\n  - {name: B, nationality: TPE}\n"
    path = _write(tmp_path, text, "round,class,pos,number,team,drivers\n")
    drivers = load_season_file(path).season.drivers
    assert [d.nationality for d in drivers] == ["DEU", "TWN"]


def test_invalid_yaml_is_located(tmp_path: Path) -> None:
    path = _write(tmp_path, "series: {id: x\nseason: [\n")
    with pytest.raises(InputError) as caught:
        load_season_file(path)
    assert caught.value.problems[0].field == "yaml"
    assert caught.value.problems[0].line is not None


def test_a_class_the_season_does_not_list_is_a_located_typo(tmp_path: Path) -> None:
    text = MINIMAL + "classes: [{code: GTC}]\n"
    csv = "round,class,pos,number,team,drivers\n1,GTC,1,7,T,A\n1,GTc,2,8,T,B\n"
    path = _write(tmp_path, text, csv)
    with pytest.raises(InputError) as caught:
        load_season_file(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field, problem.found) == (3, "class", "'GTc'")


def test_an_alias_bomb_is_refused_not_read_for_minutes(tmp_path: Path) -> None:
    """Eight aliases of eight aliases ... seven deep is two million values out of eight lines."""
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"{c}: &{c} [{', '.join(['*' + p] * 8)}]" for p, c in zip("abcdef", "bcdefg",
                                                                       strict=True)]
    path = _write(tmp_path, "\n".join(lines) + "\n")
    with pytest.raises(InputError) as caught:
        load_season_file(path)
    (problem,) = caught.value.problems
    assert (problem.field, problem.expected) == ("yaml", "a document of at most 200,000 values")


def test_a_number_of_thousands_of_digits_is_located(tmp_path: Path) -> None:
    path = _write(tmp_path, MINIMAL + "extra: " + "9" * 5000 + "\n")
    with pytest.raises(InputError) as caught:
        load_season_file(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (MINIMAL.count("\n") + 1, "yaml")


def test_a_date_that_does_not_exist_is_a_problem_at_its_line(tmp_path: Path) -> None:
    text = MINIMAL.replace("{round: 1, name: Opener}",
                           "{round: 1, name: Opener, date: 2024-06-30}\n"
                           "  - {round: 2, name: Second, date: 2024-06-31}")
    path = _write(tmp_path, text, "round,class,pos,number,team,drivers\n1,GT,1,7,T,A\n")
    with pytest.raises(InputError) as caught:
        load_season_file(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field, problem.found) == (5, "calendar.1.date", "'2024-06-31'")
    assert problem.expected == "a date of the calendar, as YYYY-MM-DD"


def test_dates_read_as_dates(tmp_path: Path) -> None:
    text = MINIMAL.replace("{round: 1, name: Opener}", "{round: 1, name: Opener, date: 2024-02-29}")
    path = _write(tmp_path, text, "round,class,pos,number,team,drivers\n1,GT,1,7,T,A\n")
    assert str(load_season_file(path).season.rounds[0].date) == "2024-02-29"
