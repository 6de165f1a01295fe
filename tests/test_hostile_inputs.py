"""No input makes pitboard crash: damaged copies of every format it reads, through the real CLI.

Each format starts from a real or bundled file and is damaged the ways files get damaged (cut
short mid-line and mid-field, a line doubled, dropped or moved, stray bytes, another encoding,
empty, header only, huge or negative or NaN numbers, a very long line, mixed line ends, a BOM
where none belongs, broken XML or JSON nesting). Every command must either work (exit 0) or
report located problems naming the file (exit 2); an uncaught exception is a failure. Random
byte edits come from hypothesis with derandomize, so every run tries the same files.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import tempfile
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.formats.jsondoc import decode_json_bytes
from tests.conftest import REPO, real_file, shared_dir, sim_sample

runner = CliRunner()
DATA = REPO / "src" / "pitboard" / "data"
SEASON_2009 = DATA / "asian-le-mans-series" / "2009"
SEASON_2013 = DATA / "asian-le-mans-series" / "2013"
DEMO_RACE = DATA / "pitboard-demo" / "2026" / "demo-race-analysis.csv"
PRESET = REPO / "src" / "pitboard" / "rules" / "presets" / "wec-2019-20.yaml"
# A file's name must appear in the report of a bad file, or (for a season that lost a part) the
# name of a file or season it names instead.
_SEASON_NAMES = ("asian-le-mans-series/2009", "qualifying.csv", "race1.csv", "race2.csv")

_NUMBER = re.compile(rb"(?<![\w.:])\d+(?:\.\d+)?(?![\w:])")
_TIME = re.compile(rb"\d+:\d\d(?:\.\d+)?")
_BOM = "\ufeff".encode()


def _head(path: Path, lines: int) -> bytes:
    """The first lines of a long real file, so every variant of it reads in milliseconds."""
    return b"".join(path.read_bytes().splitlines(keepends=True)[:lines])


def _as_utf8_json(path: Path) -> bytes:
    """ACC writes UTF-16; the damage is done to the same text in UTF-8, which it also reads."""
    return decode_json_bytes(path.read_bytes(), path.name).encode("utf-8")


def _wikitext_page() -> bytes:
    """The 2009 Okayama record-book page (flattened tables) rewritten as wikitext tables."""
    seeds = sorted((shared_dir() / "seeds").glob("000_*.txt"))
    if not seeds:
        message = "../shared/seeds is not beside the project"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so the real-data tests are required)")
        pytest.skip(message)
    out, in_table = [], False
    for line in seeds[0].read_text(encoding="utf-8").splitlines():
        if line.startswith("|") and line.rstrip().endswith("|"):
            cells = [c.strip() for c in line.strip()[1:-1].split("|")]
            if not in_table:
                out += ['{| class="wikitable"', "! " + " !! ".join(cells)]
                in_table = True
            else:
                out += ["|-", "| " + " || ".join(cells)]
            continue
        if in_table:
            out.append("|}")
            in_table = False
        out.append(line)
    return ("\n".join(out) + "\n").encode("utf-8")


def _penalties() -> bytes:
    """One decision of every kind, for cars of the bundled demonstration race."""
    return (b"number,kind,value,reason\n1,time,30,track limits\n2,laps,1,jump start\n"
            b"3,drop,2,contact\n4,dsq,,technical\n5,delete_lap,3,track limits\n"
            b"6,disallow,,\n7,exclude,,\n")


def _league_season(race: str) -> bytes:
    return (f"series: {{id: club, name: Club}}\nseason: \"2013\"\nclasses: [{{code: Club}}]\n"
            f"class_map: {{LolaT280: Club}}\ncalendar:\n  - {{round: 1, name: Sebring, "
            f"timing: {race}}}\n").encode()


@dataclass(frozen=True)
class Format:
    """A format, the file its variants come from, and the commands that read a variant."""

    name: str
    kind: str  # csv, xml, json, yaml or text: which structural damage applies
    file_name: str
    base: Callable[[], bytes]
    # Given the folder and the variant's path: the commands to run (the first is the cheapest).
    commands: Callable[[Path, Path], list[list[str]]]
    # Files to put beside the variant (a season's other files), by name.
    beside: Callable[[], list[Path]] = list


def _timing(folder: Path, path: Path) -> list[list[str]]:
    return [["classify", str(path)], ["qualifying", str(path)],
            ["laps", str(path), "--output", str(folder / "laps.csv")]]


def _season(folder: Path, path: Path) -> list[list[str]]:
    season = str(folder / "season.yaml")
    return [["check", season], ["standings", season, "--format", "csv"],
            ["results", season, "1", "--format", "json"]]


FORMATS = [
    Format("results-csv", "csv", "results.csv", (SEASON_2013 / "results.csv").read_bytes,
           lambda folder, path: [["standings", str(path), "--format", "csv"]]),
    Format("qualifying-csv", "csv", "qualifying.csv",
           (SEASON_2009 / "qualifying.csv").read_bytes, _season,
           lambda: sorted(SEASON_2009.iterdir())),
    Format("season-yaml", "yaml", "season.yaml",
           (SEASON_2009 / "season.yaml").read_bytes, _season,
           lambda: sorted(SEASON_2009.iterdir())),
    Format("penalties-csv", "csv", "penalties.csv", _penalties,
           lambda folder, path: [["classify", str(DEMO_RACE), "--penalties", str(path)],
                                 ["qualifying", str(DEMO_RACE), "--penalties", str(path)]]),
    Format("rule-set-yaml", "yaml", "rules.yaml", PRESET.read_bytes,
           lambda folder, path: [["classify", str(DEMO_RACE), "--rules", str(path)]]),
    Format("alkamel-analysis-bundled", "csv", "race_analysis.csv", DEMO_RACE.read_bytes, _timing),
    Format("alkamel-analysis-26-columns", "csv", "race_analysis.csv",
           lambda: _head(real_file("alkamel", "wec_2019_spa_6h_race_analysis_hour6.csv"), 120),
           _timing),
    Format("alkamel-analysis-30-columns", "csv", "race_analysis.csv",
           lambda: _head(real_file("alkamel", "wec_2025_spa_6h_race_analysis.csv"), 120),
           _timing),
    Format("alkamel-classification", "csv", "race_classification.csv",
           lambda: real_file("alkamel", "elms_2014_imola_4h_race_classification.csv").read_bytes(),
           lambda folder, path: [["classify", str(path), "--format", "csv"]]),
    Format("rfactor2-xml", "xml", "race.xml",
           lambda: real_file("rfactor2", "rf2_2013_sebring_lolat280_20min_race.xml").read_bytes(),
           _timing),
    Format("league-folder", "xml", "race.xml",
           lambda: real_file("rfactor2", "rf2_2013_sebring_lolat280_20min_race.xml").read_bytes(),
           lambda folder, path: [["standings", str(folder), "--format", "csv"]]),
    Format("acc-json", "json", "race.json",
           lambda: _as_utf8_json(real_file("acc", "acc_2019_brands_hatch_race_3cars.json")),
           _timing),
    Format("iracing-json", "json", "race.json",
           lambda: real_file("iracing", "iracing_2021_bathurst_hosted_multiclass_36788868.json")
           .read_bytes(),
           lambda folder, path: [["classify", str(path)], ["qualifying", str(path)]]),
    Format("acc-client-json", "json", "save.json",
           lambda: _as_utf8_json(sim_sample("acc", "acc_client_race_made_for_tests.json")),
           _timing),
    Format("assetto-corsa-json", "json", "race.json",
           sim_sample("assetto-corsa", "ac_2019_barbagallo_rss4_race.json").read_bytes, _timing),
    Format("assetto-corsa-server-manager-json", "json", "race.json",
           sim_sample("assetto-corsa", "ac_2019_nurburgring_sprint_race_server_manager.json")
           .read_bytes, _timing),
    Format("raceroom-json", "json", "event.json",
           sim_sample("raceroom", "r3e_2016_portimao_qualify_and_race.json").read_bytes,
           _timing),
    Format("raceroom-json-with-splits", "json", "event.json",
           sim_sample("raceroom", "r3e_2020_redbullring_tcr_practice_qualify_race.json")
           .read_bytes, _timing),
    Format("ams2-sms-stats-json", "json", "sms_stats_data.json",
           sim_sample("automobilista2", "ams2_2020_imola_sms_stats_practice_and_race.json")
           .read_bytes, _timing),
    Format("wikitext", "text", "page.wiki", _wikitext_page,
           lambda folder, path: [["recordbook", str(path), "--output", str(folder / "out.csv")]]),
]
FORMATS_BY_NAME = {f.name: f for f in FORMATS}


def _replace_some(pattern: re.Pattern[bytes], data: bytes, by: bytes, rng: random.Random,
                  share: float = 0.3) -> bytes:
    return pattern.sub(lambda m: by if rng.random() < share else m.group(0), data)


def hostile_variants(data: bytes, kind: str, seed: int = 2026) -> dict[str, bytes]:
    """Damaged copies of `data`, by what was done to them; the same ones on every run."""
    rng = random.Random(seed)
    lines = data.splitlines(keepends=True)
    at = max(1, len(lines) // 2)  # a line in the body, when there is one
    line = lines[at] if at < len(lines) else b""
    before = b"".join(lines[:at])
    field = max((line.find(sep) for sep in (b",", b";", b'"', b">", b":")), default=-1)
    moved = lines[:]
    if len(moved) > 3:
        moved[1], moved[-2] = moved[-2], moved[1]
    unix = data.replace(b"\r\n", b"\n")
    variants = {
        "empty": b"",
        "header only": lines[0] if lines else b"",
        "cut at a tenth": data[: len(data) // 10],
        "cut mid-line": before + line[: len(line) // 2],
        "cut mid-field": before + line[: field + 2],
        "a line doubled": before + line + b"".join(lines[at:]),
        "a line dropped": before + b"".join(lines[at + 1:]),
        "lines moved": b"".join(moved),
        "stray bytes": data[: len(data) // 3] + bytes(rng.randrange(256) for _ in range(9))
        + data[len(data) // 3:],
        "a NUL byte": data[: len(data) // 2] + b"\x00" + data[len(data) // 2:],
        "huge numbers": _replace_some(_NUMBER, data, b"9" * 400, rng),
        "thousands of digits": _replace_some(_NUMBER, data, b"7" * 5000, rng, 0.05),
        "negative numbers": _NUMBER.sub(lambda m: b"-" + m.group(0), data),
        "negative times": _TIME.sub(lambda m: b"-" + m.group(0), data),
        "NaN numbers": _replace_some(_NUMBER, data, b"NaN", rng),
        "inf numbers": _replace_some(_NUMBER, data, b"inf", rng),
        "NaN times": _replace_some(_TIME, data, b"NaN", rng),
        "inf times": _replace_some(_TIME, data, b"inf", rng),
        "a very long line": before + b"x" * 300_000 + b"\n" + b"".join(lines[at:]),
        "CRLF and LF mixed": b"".join(ln.replace(b"\n", b"\r\n") if i % 2 else ln
                                      for i, ln in enumerate(unix.splitlines(keepends=True))),
        "CR line ends": unix.replace(b"\n", b"\r"),
        "two BOMs": _BOM + _BOM + data,
        "a BOM mid-file": before + _BOM + b"".join(lines[at:]),
        "a BOM in the header": data[:5] + _BOM + data[5:],
        "binary": bytes(rng.randrange(256) for _ in range(3000)),
    }
    text = data.decode("utf-8-sig", errors="replace")
    variants["UTF-16"] = text.encode("utf-16")
    variants["Latin-1"] = (text + "\nGérard Müller\n").encode("latin-1", errors="replace")
    if kind == "xml":
        close = data.rfind(b"</", 0, len(data) // 2)
        end = data.find(b">", close) + 1
        variants["a closing tag dropped"] = data[:close] + data[end:]
        variants["a closing tag doubled"] = data[:end] + data[close:end] + data[end:]
        variants["an unclosed element"] = data[:end] + b"<Extra>" + data[end:]
        variants["an undefined entity"] = data.replace(b"</", b"&bogus;</", 2)
        variants["an entity bomb"] = (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rFactorXML>&b;</rFactorXML>'
        )
    if kind == "json":
        variants["a brace dropped"] = data[: data.rfind(b"}")] + data[data.rfind(b"}") + 1:]
        variants["a bracket doubled"] = data.replace(b"[", b"[[", 1)
        variants["trailing garbage"] = data + b"}]"
        first_key = data[: data.find(b",")]  # keeps the sniffed key, then nests far too deep
        variants["nested too deep"] = first_key + b', "x": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
        variants["a list, not an object"] = b"[" + data + b"]"
    if kind == "yaml":
        variants["tabs for indent"] = data.replace(b"  ", b"\t")
        variants["a list, not a mapping"] = b"- 1\n- 2\n"
        variants["a python tag"] = b"rules: !!python/object/apply:os.system [echo]\n"
        variants["an alias bomb"] = (
            b'a: &a ["x", "x", "x", "x", "x", "x", "x", "x"]\n'
            + b"".join(f"{c}: &{c} [{', '.join(['*' + p] * 8)}]\n".encode()
                       for p, c in zip("abcdef", "bcdefg", strict=True))
        )
    return variants


@dataclass
class Case:
    """One damaged file laid out in its own folder, with whatever goes beside it."""

    folder: Path
    path: Path
    commands: list[list[str]]
    names: tuple[str, ...]


def _lay_out(fmt: Format, data: bytes, folder: Path) -> Case:
    for source in fmt.beside():
        shutil.copy(source, folder / source.name)
    path = folder / fmt.file_name
    path.write_bytes(data)
    if fmt.name == "league-folder":
        (folder / "season.yaml").write_bytes(_league_season(fmt.file_name))
    names = (fmt.file_name, *(_SEASON_NAMES if fmt.beside() else ()))
    return Case(folder, path, fmt.commands(folder, path), names)


def _check(result: Result, args: list[str], names: tuple[str, ...], label: str) -> None:
    """Exit 0, or 2 with the problems naming the file; never an uncaught exception."""
    error = result.exception
    if error is not None and not isinstance(error, SystemExit):
        trace = "".join(traceback.format_exception(error))
        pytest.fail(f"{label}: `pitboard {args[0]}` raised\n{trace}")
    allowed = (0, 1, 2) if args[0] == "check" else (0, 2)  # check: 1 means a rule was broken
    assert result.exit_code in allowed, f"{label}: `pitboard {args[0]}`: {result.output[-500:]}"
    if result.exit_code == 2:
        assert any(name in result.stderr for name in names), (
            f"{label}: `pitboard {args[0]}` did not name the file: {result.stderr[-500:]}"
        )


def _variant_ids() -> list[tuple[str, str]]:
    """(format, variant) pairs: every variant of every format (the names are fixed)."""
    kinds = {f.kind for f in FORMATS}
    names = {kind: list(hostile_variants(b"a,b\n1,2\n3:04.5,6\n", kind)) for kind in kinds}
    return [(f.name, variant) for f in FORMATS for variant in names[f.kind]]


@pytest.fixture(scope="module")
def bases() -> dict[str, bytes]:
    """Each format's base file, read once (a real one skips when ../shared is absent)."""
    return {}


def _base(bases: dict[str, bytes], fmt: Format) -> bytes:
    if fmt.name not in bases:
        bases[fmt.name] = fmt.base()
    return bases[fmt.name]


@pytest.mark.parametrize(("format_name", "variant"), _variant_ids(),
                         ids=[f"{f}:{v}" for f, v in _variant_ids()])
def test_a_damaged_file_is_read_or_reported_never_a_traceback(
    format_name: str, variant: str, bases: dict[str, bytes], tmp_path: Path
) -> None:
    fmt = FORMATS_BY_NAME[format_name]
    data = hostile_variants(_base(bases, fmt), fmt.kind)[variant]
    case = _lay_out(fmt, data, tmp_path)
    # The first command always; the others take turns, which keeps the module quick.
    turn = 1 + sum(map(ord, variant)) % max(1, len(case.commands) - 1)
    for args in [case.commands[0], *case.commands[turn:turn + 1]]:
        _check(runner.invoke(app, args), args, case.names, f"{format_name}: {variant}")


@pytest.fixture(scope="module")
def scratch_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database holding the 2013 season, copied for each import so none sees another's."""
    database = tmp_path_factory.mktemp("database") / "pitboard.db"
    result = runner.invoke(app, ["import", str(SEASON_2013 / "results.csv"), "--season",
                                 "asian-le-mans-series/2013", "--database",
                                 f"sqlite:///{database}"])
    assert result.exit_code == 0, result.output
    return database


_IMPORTED = ("cut mid-line", "huge numbers", "NaN times", "UTF-16", "header only")
_IMPORTS = {
    "results-csv": ["--season", "asian-le-mans-series/2013"],
    "penalties-csv": ["--season", "asian-le-mans-series/2013", "--round", "1"],
    "alkamel-analysis-bundled": ["--season", "asian-le-mans-series/2013", "--round", "1"],
    "alkamel-classification": ["--season", "asian-le-mans-series/2013", "--round", "1"],
    "rfactor2-xml": ["--season", "asian-le-mans-series/2013", "--round", "1"],
    "acc-json": ["--season", "asian-le-mans-series/2013", "--round", "1"],
    "iracing-json": ["--season", "asian-le-mans-series/2013", "--round", "1"],
    "season-yaml": [],
    "qualifying-csv": [],
}


@pytest.mark.parametrize("format_name", sorted(_IMPORTS))
def test_import_of_a_damaged_file_writes_nothing_and_says_why(
    format_name: str, bases: dict[str, bytes], scratch_database: Path, tmp_path: Path
) -> None:
    fmt = FORMATS_BY_NAME[format_name]
    variants = hostile_variants(_base(bases, fmt), fmt.kind)
    for variant in _IMPORTED:
        folder = tmp_path / variant.replace(" ", "-")
        folder.mkdir()
        case = _lay_out(fmt, variants[variant], folder)
        database = folder / "copy.db"
        shutil.copy(scratch_database, database)
        target = folder / "season.yaml" if format_name == "qualifying-csv" else case.path
        args = ["import", str(target), *_IMPORTS[format_name], "--database",
                f"sqlite:///{database}"]
        _check(runner.invoke(app, args), args, case.names, f"{format_name}: {variant}")


_EDIT = st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=12),
                  st.binary(max_size=12))


@pytest.mark.parametrize("format_name", [f.name for f in FORMATS])
def test_random_byte_edits_are_read_or_reported(format_name: str, bases: dict[str, bytes]) -> None:
    """Bytes cut out and put in at random places (the same places every run)."""
    fmt = FORMATS_BY_NAME[format_name]
    data = _base(bases, fmt)

    @settings(derandomize=True, max_examples=6, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(edits=st.lists(_EDIT, min_size=1, max_size=4))
    def edited_file_is_handled(edits: list[tuple[int, int, bytes]]) -> None:
        damaged = data
        for where, cut, put in edits:
            at = where % (len(damaged) + 1)
            damaged = damaged[:at] + put + damaged[at + cut:]
        with tempfile.TemporaryDirectory() as scratch:
            case = _lay_out(fmt, damaged, Path(scratch))
            args = case.commands[0]
            _check(runner.invoke(app, args), args, case.names, f"{format_name}: {edits!r}")

    edited_file_is_handled()
