"""Each input that once ended in a database error, a traceback, a hang or a memory blow-up, now a
located problem (exit 2 in the CLI, 422 in the API) on SQLite and PostgreSQL alike.

Values past the limits of domain/limits.py: a NUL byte, a lone surrogate, a class code or a car
number longer than the database keeps, whole numbers of 2^31 and 2^63, a penalty of 1e306
seconds. Small files that were big work: a recursive YAML alias, a record-book page of spans, a
season file naming /dev/zero or a FIFO. Names a command or an address gives: a round `²`, a race
number past 2^63, an --output that cannot be written.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from click.testing import Result
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain.limits import CODE_LENGTH, NUMBER_LENGTH
from pitboard.formats.jsondoc import decode_json_bytes
from pitboard.office import open_store
from tests.conftest import REPO, real_file, sim_sample
from tests.web.conftest import serve

runner = CliRunner()
DATA = REPO / "src" / "pitboard" / "data"
SEASON_2013 = "asian-le-mans-series/2013"
RESULTS_2013 = (DATA / SEASON_2013 / "results.csv").read_text(encoding="utf-8")
SEASON_FILE_2013 = (DATA / SEASON_2013 / "season.yaml").read_text(encoding="utf-8")
DEMO_RACE = DATA / "pitboard-demo" / "2026" / "demo-race-analysis.csv"
TOKEN = "fuzz-token"


def located(result: Result, file: str, field: str) -> None:
    """Exit 2, no traceback, and a problem naming the file and the field."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.stderr.splitlines() if file in ln]
    assert any(re.search(rf": {re.escape(field)}: expected ", ln) for ln in lines), (
        result.stderr)


def _inje_with(column: str, value: str) -> str:
    """The 2013 results' Inje lines, the first one's `column` set to `value` (a `laps` column
    is added where asked for)."""
    lines = [ln for ln in RESULTS_2013.splitlines() if ln.startswith(("round,", "1,"))]
    header = lines[0].split(",")
    if column not in header:
        lines = [f"{ln},laps" if i == 0 else f"{ln}," for i, ln in enumerate(lines)]
        header.append(column)
    first = lines[1].split(",")
    first[header.index(column)] = value
    lines[1] = ",".join(first)
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(("column", "value", "field"), [
    ("team", "KC\x00MG", "team"),
    ("laps", str(2**31), "laps"),
    ("laps", str(2**63), "laps"),
    ("pos", str(2**31), "pos"),
    ("pos", str(2**63), "pos"),
    ("round", str(2**31), "round"),
])
def test_a_results_value_past_a_limit_is_refused_by_both_databases(
    database_url: str, tmp_path: Path, column: str, value: str, field: str
) -> None:
    path = tmp_path / "inje.csv"
    path.write_text(_inje_with(column, value), encoding="utf-8")
    args = ["import", str(path), "--season", SEASON_2013, "--replace", "--database", database_url]
    located(runner.invoke(app, args), "inje.csv", field)


def _season_file(tmp_path: Path, old: str, new: str) -> Path:
    """The 2013 season file with one change, beside its results."""
    assert old in SEASON_FILE_2013
    (tmp_path / "results.csv").write_text(RESULTS_2013, encoding="utf-8")
    path = tmp_path / "season.yaml"
    path.write_text(SEASON_FILE_2013.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "field"), [
    ("{code: LMP2, name: Le Mans Prototype 2}",
     "{code: " + "L" * (CODE_LENGTH + 1) + ", name: Le Mans Prototype 2}", "classes.0.code"),
    ("{round: 1, name: 3 Hours of Inje", f"{{round: {2**31}, name: 3 Hours of Inje",
     "calendar.0.round"),
    ("{round: 1, name: 3 Hours of Inje", f"{{round: {2**63}, name: 3 Hours of Inje",
     "calendar.0.round"),
    ("name: Asian Le Mans Series\n", "name: \"Asian \\0Le Mans Series\"\n", "series.name"),
    ("short_name: AsLMS", "short_name: \"AsLMS\\ud800\"", "series.short_name"),
    # The halves of a season's address: no page could reach `2013/14` or `asian/le-mans`.
    ('season: "2013"', 'season: "2013/14"', "season"),
    ('season: "2013"', 'season: ".."', "season"),
    ("id: asian-le-mans-series", "id: asian/le-mans", "series.id"),
])
def test_a_season_file_value_past_a_limit_is_refused_by_both_databases(
    database_url: str, tmp_path: Path, old: str, new: str, field: str
) -> None:
    path = _season_file(tmp_path, old, new)
    located(runner.invoke(app, ["check", str(path)]), "season.yaml", field)
    result = runner.invoke(app, ["import", str(path), "--replace", "--database", database_url])
    located(result, "season.yaml", field)


def test_a_car_number_longer_than_the_database_keeps_is_refused(tmp_path: Path) -> None:
    league = tmp_path / "season.yaml"
    league.write_text(
        "series: {id: club, name: Club}\nseason: \"2026\"\nclasses: [{code: GT}]\n"
        "calendar: [{round: 1, name: Sebring}]\nentries:\n"
        f"  - {{class: GT, number: \"{'7' * (NUMBER_LENGTH + 1)}\", team: A}}\n",
        encoding="utf-8")
    located(runner.invoke(app, ["check", str(league)]), "season.yaml", "entries.0.number")


def _json_with_lone_surrogate(data: str, key: str) -> str:
    """A JSON text whose first `key` string starts with the escape of a lone surrogate."""
    head = f'"{key}": "'
    assert head in data
    return data.replace(head, head + "\\ud800", 1)


@pytest.mark.parametrize(("name", "source", "key"), [
    ("acc.json", lambda: sim_sample("acc", "acc_client_race_made_for_tests.json"), "lastName"),
    ("iracing.json",
     lambda: real_file("iracing", "iracing_2021_bathurst_hosted_multiclass_36788868.json"),
     "display_name"),
])
@pytest.mark.parametrize("command", [["classify"], ["classify", "--format", "json"],
                                     ["qualifying"], ["classify", "--format", "csv"]])
def test_a_lone_surrogate_in_a_json_name_is_located_in_every_output(
    tmp_path: Path, name: str, source: object, key: str, command: list[str]
) -> None:
    path = tmp_path / name
    original = decode_json_bytes(source().read_bytes(), name)  # type: ignore[operator]
    json.loads(original)
    path.write_text(_json_with_lone_surrogate(original, key), encoding="utf-8")
    result = runner.invoke(app, [*command, str(path)])
    assert result.exit_code == 2, result.output
    assert "lone surrogates" in result.stderr and name in result.stderr


@pytest.mark.parametrize("value", ["1e306", "1e18", "99999999999999999999"])
def test_a_penalty_past_the_limit_is_located(tmp_path: Path, value: str) -> None:
    penalties = tmp_path / "penalties.csv"
    penalties.write_text(f"number,kind,value,reason\n1,time,{value},late\n", encoding="utf-8")
    for command in ("classify", "qualifying"):
        result = runner.invoke(app, [command, str(DEMO_RACE), "--penalties", str(penalties)])
        located(result, "penalties.csv", "value")


@pytest.mark.parametrize("document", [
    "a: &a [*a]\n",
    "series: &s {id: x, name: *s}\n",
    "calendar: &c [{round: 1, name: *c}]\n",
])
def test_a_yaml_alias_inside_itself_is_located(tmp_path: Path, document: str) -> None:
    path = tmp_path / "season.yaml"
    path.write_text(document, encoding="utf-8")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert "season.yaml:1:" in result.stderr and "does not hold itself" in result.stderr


def run_bounded(args: list[str], seconds: float = 30, memory_mb: int = 1500
                ) -> subprocess.CompletedProcess[str]:
    """The real command in a process of its own, under a time and an address-space limit: a
    file that makes big work fails the test instead of the machine."""
    script = (
        "import resource, sys\n"
        f"resource.setrlimit(resource.RLIMIT_AS, ({memory_mb << 20}, {memory_mb << 20}))\n"
        "from pitboard.cli.app import main\n"
        "sys.argv = ['pitboard', *sys.argv[1:]]\n"
        "main()\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True,
                          text=True, timeout=seconds, env=env, check=False)


def span_page(cells: int = 300, rows: int = 400) -> str:
    """A 12 KB record-book page whose spans would lay out a hundred million cells."""
    spanned = " || ".join(["rowspan=65534 colspan=1000 | x"] * cells)
    body = ['{| class="wikitable"', "! Pos !! Class !! Team", "|-", f"| {spanned}"]
    body += ["|-\n| a"] * rows + ["|}"]
    return "== Race ==\n" + "\n".join(body) + "\n"


def test_a_small_record_book_page_of_spans_is_refused_quickly_and_in_little_memory(
    tmp_path: Path
) -> None:
    page = tmp_path / "page.wiki"
    page.write_text(span_page(), encoding="utf-8")
    assert page.stat().st_size < 16_000
    done = run_bounded(["recordbook", str(page), "--output", str(tmp_path / "out.csv")],
                       seconds=30, memory_mb=1000)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "page.wiki:5: table: expected tables of at most" in " ".join(done.stderr.split())


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "fifo.csv"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("named", ["/dev/zero", "fifo.csv"])
def test_a_season_file_naming_a_device_or_a_fifo_is_refused_at_once(
    tmp_path: Path, fifo: Path, named: str
) -> None:
    path = _season_file(tmp_path, "results: [results.csv]", f"results: [{named}]")
    done = run_bounded(["check", str(path)], seconds=20)
    assert done.returncode == 2, done.stderr[-2000:]
    assert "expected a regular file, found a " in done.stderr


def test_a_round_named_by_a_superscript_digit_is_located_in_the_cli(tmp_path: Path) -> None:
    located(runner.invoke(app, ["results", SEASON_2013, "²"]), SEASON_2013, "round")
    path = tmp_path / "penalties.csv"
    path.write_text("number,kind,value,reason\n18,time,30,late\n", encoding="utf-8")
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    args = ["import", str(path), "--season", SEASON_2013, "--round", "²", "--database", database]
    located(runner.invoke(app, args), "penalties.csv", "round")


@pytest.mark.parametrize("race", [str(2**31), str(2**63), "101"])
def test_a_race_number_past_the_limit_is_located_in_an_import(tmp_path: Path,
                                                             race: str) -> None:
    path = tmp_path / "penalties.csv"
    path.write_text("number,kind,value,reason\n18,time,30,late\n", encoding="utf-8")
    database = f"sqlite:///{tmp_path / 'db.sqlite'}"
    args = ["import", str(path), "--season", SEASON_2013, "--round", "1", "--race", race,
            "--database", database]
    located(runner.invoke(app, args), "penalties.csv", "race")


def test_the_api_answers_a_superscript_round_and_a_huge_race_number_without_a_500(
    database_url: str
) -> None:
    store = open_store(database_url)
    seasons = f"/api/v1/seasons/{SEASON_2013}"
    auth = {"Authorization": f"Bearer {TOKEN}"}
    penalties = b"number,kind,value,reason\n18,time,30,late\n"
    try:
        with serve(store, TOKEN) as base, httpx.Client(base_url=base, timeout=30) as client:
            assert client.get(f"{seasons}/rounds/²").status_code == 404
            assert client.get(f"{seasons}/rounds/1/races/{2**63}/laps").status_code == 422
            for race in (2**31, 2**63):
                answer = client.post(f"{seasons}/rounds/1/penalties?race={race}", headers=auth,
                                     files={"file": ("p.csv", penalties)})
                assert answer.status_code == 422, answer.text
                answer = client.post(f"{seasons}/rounds/1/races/{race}/timing", headers=auth,
                                     files={"file": ("t.csv", DEMO_RACE.read_bytes())})
                assert answer.status_code == 422, answer.text
            answer = client.post(f"{seasons}/rounds/%C2%B2/penalties", headers=auth,
                                 files={"file": ("p.csv", penalties)})
            assert answer.status_code == 422
            assert answer.json()["problems"][0]["field"] == "round"
            answer = client.post(f"{seasons}/rounds/1/results?replace=true", headers=auth,
                                 files={"file": ("inje.csv", _inje_with("team", "A\x00B"))})
            assert answer.status_code == 422, answer.text
            assert answer.json()["problems"][0]["field"] == "team"
    finally:
        store.close()


@pytest.mark.parametrize("output", ["/nonexistent/folder/out.csv", "/proc/out.csv"])
def test_laps_and_recordbook_report_an_output_that_cannot_be_written(
    tmp_path: Path, output: str
) -> None:
    located(runner.invoke(app, ["laps", str(DEMO_RACE), "--output", output]), output,
            "--output")
    page = tmp_path / "page.wiki"
    page.write_text('== Race ==\n{| class="wikitable"\n! Pos !! Class !! No !! Team !! Drivers'
                    ' !! Laps\n|-\n| 1 || GT || 7 || A || B || 10\n|}\n', encoding="utf-8")
    assert runner.invoke(app, ["recordbook", str(page)]).exit_code == 0
    located(runner.invoke(app, ["recordbook", str(page), "--output", output]), output,
            "--output")
