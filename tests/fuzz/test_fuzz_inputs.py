"""Damaged copies of every format pitboard reads, through the API (uploads with a token) and the
CLI (imports) on SQLite and PostgreSQL: each is taken (200, exit 0) or refused with located
problems (422, exit 2), within a time bound, and the process stays within a memory bound.

Two sources of damage: the fixed variants of tests/test_hostile_inputs.py (cut, doubled, stray
bytes, huge numbers, BOMs, other encodings, broken nesting ...), and hypothesis strategies that
put hostile values (NUL, lone surrogates, numbers of 2^31, 2^63 and thousands of digits, NaN,
1e306, very long text) in the cells of a results CSV, a penalties CSV, the values of a season
file, the leaves of a sim's JSON and the spans of a record-book table. Every run tries the same
inputs (derandomize); docs/reliability.md gives the counts.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from click.testing import Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.formats.jsondoc import decode_json_bytes
from pitboard.office import open_store
from tests.conftest import REPO, sim_sample
from tests.test_hostile_inputs import FORMATS_BY_NAME, hostile_variants
from tests.web.conftest import serve

runner = CliRunner()
DATA = REPO / "src" / "pitboard" / "data"
SEASON_2013 = "asian-le-mans-series/2013"
RESULTS_2013 = (DATA / SEASON_2013 / "results.csv").read_text(encoding="utf-8")
SEASON_FILE_2013 = (DATA / SEASON_2013 / "season.yaml").read_text(encoding="utf-8")
TOKEN = "fuzz-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SECONDS_PER_INPUT = 10.0  # a damaged file is read or refused in far less
PEAK_MEMORY_BYTES = 3 * 1024**3  # the test process's peak, whatever was tried in it

# Values a damaged or hostile file carries where a name or a number belongs.
HOSTILE = ["", " ", "\x00", "A\x00B", "\ud800", "x\udfff", "²", "١٢", "NaN", "inf", "-inf",
           "1e306", "-1", "0", str(2**31), str(2**63), str(2**64), "7" * 5000, "x" * 300,
           "y" * 3000, "\u202e", "\ufeff", "\r\n", '"', "'", "&bogus;", "<b>", "{{template}}",
           "|", "||", "rowspan=99999"]
HOSTILE_TEXT = st.one_of(st.sampled_from(HOSTILE), st.sampled_from(HOSTILE),
                         st.text(max_size=30))


def damaged(original: str, draw: st.DrawFn) -> str:
    """A hostile value in place of `original`, or put inside it (the rest of the value kept,
    so the file gets past the checks that a plainly wrong value would stop at)."""
    hostile = draw(HOSTILE_TEXT)
    if not original or draw(st.booleans()):
        return hostile
    at = draw(st.integers(0, len(original)))
    return original[:at] + hostile + original[at:]


HOSTILE_NUMBER = st.one_of(
    st.sampled_from([2**31 - 1, 2**31, 2**63 - 1, 2**63, 2**64, -(2**31) - 1, -(2**63), 10**400,
                     float("nan"), float("inf"), -float("inf"), 1e306, -1e306, 5e-324]),
    st.integers(), st.floats(),
)
# PITBOARD_FUZZ_SCALE=N tries N times as many inputs, new ones on every run (docs/reliability.md);
# by default every run tries the same ones.
SCALE = max(1, int(os.environ.get("PITBOARD_FUZZ_SCALE", "1")))
EXAMPLES = settings(derandomize=SCALE == 1, deadline=None, database=None, max_examples=100 * SCALE,
                    suppress_health_check=[HealthCheck.too_slow,
                                           HealthCheck.function_scoped_fixture])
TRIED: dict[str, int] = {}  # inputs tried per format, for the figures in docs/reliability.md


def _tried(name: str) -> None:
    TRIED[name] = TRIED.get(name, 0) + 1


def _within_bounds(started: float, label: str) -> None:
    assert time.monotonic() - started < SECONDS_PER_INPUT, f"{label}: too slow"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    assert peak < PEAK_MEMORY_BYTES, f"{label}: the process reached {peak:,} bytes"


def _cli(args: list[str], label: str, names: tuple[str, ...]) -> Result:
    """Exit 0, or 2 with a problem naming one of `names`; never a traceback."""
    started = time.monotonic()
    result = runner.invoke(app, args)
    _within_bounds(started, label)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{label}: `pitboard {args[0]}` raised") from result.exception
    allowed = (0, 1, 2) if args[0] == "check" else (0, 2)
    assert result.exit_code in allowed, f"{label}: {result.output[-800:]}"
    if result.exit_code == 2:
        assert any(name in result.stderr for name in names), f"{label}: {result.stderr[-800:]}"
    return result


# -- the API -----------------------------------------------------------------------------------

# What each upload address takes, the variants' base file, and the address for round 1.
UPLOADS = {
    "results-csv": "rounds/1/results?replace=true",
    "penalties-csv": "rounds/1/penalties?race=1&replace=true",
    "alkamel-analysis-bundled": "rounds/1/races/1/timing?replace=true",
    "acc-json": "rounds/1/races/1/timing?replace=true",
    "acc-client-json": "rounds/1/races/1/timing?replace=true",
    "raceroom-json": "rounds/1/races/1/timing?replace=true",
    "assetto-corsa-json": "rounds/1/races/1/timing?replace=true",
}


@pytest.fixture
def api(database_url: str) -> Iterator[httpx.Client]:
    """The site on a fresh database of each kind, uploads allowed with the token."""
    store = open_store(database_url)
    try:
        with serve(store, TOKEN) as base, httpx.Client(base_url=base, timeout=60) as client:
            yield client
    finally:
        store.close()


def _upload(client: httpx.Client, address: str, name: str, data: bytes, label: str) -> None:
    """200, or 422 whose every problem names the uploaded file; never a 500."""
    started = time.monotonic()
    answer = client.post(f"/api/v1/seasons/{SEASON_2013}/{address}", headers=AUTH,
                         files={"file": (name, data)})
    _within_bounds(started, label)
    assert answer.status_code in (200, 422), f"{label}: {answer.status_code} {answer.text[:500]}"
    if answer.status_code == 422:
        problems = answer.json()["problems"]
        assert problems and all(p["file"] == name for p in problems), f"{label}: {problems}"


@pytest.mark.parametrize("format_name", sorted(UPLOADS))
def test_damaged_uploads_are_taken_or_answered_422(api: httpx.Client, format_name: str) -> None:
    fmt = FORMATS_BY_NAME[format_name]
    for variant, data in hostile_variants(fmt.base(), fmt.kind).items():
        _tried(f"api:{format_name}")
        _upload(api, UPLOADS[format_name], fmt.file_name, data, f"{format_name}: {variant}")


# -- hypothesis: results and penalties CSVs ----------------------------------------------------

_INJE = [ln.split(",") for ln in RESULTS_2013.splitlines() if ln.startswith("1,")]
_HEADER = [*RESULTS_2013.splitlines()[0].split(","), "laps"]


def _csv(rows: list[list[str]]) -> bytes:
    """Rows as CSV bytes; a lone surrogate is written as the bytes it would be (not UTF-8)."""
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if any(c in text for c in ',"\r\n') else text
    text = "\n".join(",".join(cell(c) for c in row) for row in rows) + "\n"
    return text.encode("utf-8", errors="surrogatepass")


@st.composite
def damaged_results(draw: st.DrawFn) -> bytes:
    """Inje's results with hostile values in some cells (a laps column added)."""
    rows = [[*row, "100"] for row in _INJE]
    for _ in range(draw(st.integers(1, 6))):
        row = draw(st.integers(0, len(rows) - 1))
        column = draw(st.integers(0, len(_HEADER) - 1))
        rows[row][column] = damaged(rows[row][column], draw)
    return _csv([_HEADER, *rows])


@st.composite
def damaged_penalties(draw: st.DrawFn) -> bytes:
    kinds = st.sampled_from(["time", "laps", "drop", "dsq", "exclude", "delete_lap",
                             "disallow", "TIME", ""])
    rows = [[draw(st.one_of(st.sampled_from(["18", "24", "70", "007", "77"]), HOSTILE_TEXT)),
             draw(st.one_of(kinds, HOSTILE_TEXT)),
             draw(st.one_of(HOSTILE_NUMBER.map(str), HOSTILE_TEXT)),
             draw(HOSTILE_TEXT)] for _ in range(draw(st.integers(1, 4)))]
    return _csv([["number", "kind", "value", "reason"], *rows])


def test_hostile_cells_in_results_and_penalties_through_the_api(api: httpx.Client) -> None:
    @EXAMPLES
    @given(results=damaged_results(), penalties=damaged_penalties())
    def uploaded(results: bytes, penalties: bytes) -> None:
        _tried("api:results-csv (hypothesis)")
        _upload(api, UPLOADS["results-csv"], "inje.csv", results, f"results {results[:200]!r}")
        _tried("api:penalties-csv (hypothesis)")
        _upload(api, UPLOADS["penalties-csv"], "penalties.csv", penalties,
                f"penalties {penalties!r}")

    uploaded()


# -- hypothesis: season files, imported into both databases ------------------------------------

_SEASON_DATA = yaml.safe_load(SEASON_FILE_2013)


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaves(v, (*path, k))] or [path]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _leaves(v, (*path, i))] or [path]
    return [path]


_SEASON_LEAVES = [p for p in _leaves(_SEASON_DATA) if p and p[0] != "rules"]


def _get(document: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        document = document[part]
    return document


def _set(document: Any, path: tuple[Any, ...], value: object) -> Any:
    copy = json.loads(json.dumps(document, default=str))
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copy


@st.composite
def damaged_season_file(draw: st.DrawFn) -> bytes:
    """The 2013 season file with hostile values at some of its leaves."""
    document = _SEASON_DATA
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(_SEASON_LEAVES))
        original = _get(document, path)
        value = (damaged(original, draw) if isinstance(original, str)
                 else draw(st.one_of(HOSTILE_NUMBER, HOSTILE_TEXT)))
        document = _set(document, path, value)
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    return text.encode("utf-8", errors="surrogatepass")


def test_hostile_season_files_are_checked_and_imported_or_refused_on_both_databases(
    database_url: str, tmp_path: Path
) -> None:
    (tmp_path / "results.csv").write_text(RESULTS_2013, encoding="utf-8")
    season = tmp_path / "season.yaml"

    @settings(EXAMPLES, max_examples=25 * SCALE)
    @given(data=damaged_season_file())
    def imported(data: bytes) -> None:
        season.write_bytes(data)
        _tried("cli:season-yaml (hypothesis)")
        names = ("season.yaml", "results.csv", SEASON_2013)
        _cli(["check", str(season)], f"season {data[:300]!r}", names)
        _cli(["import", str(season), "--replace", "--database", database_url],
             f"season {data[:300]!r}", names)

    imported()


# -- hypothesis: sims' JSON and record-book tables ---------------------------------------------

def _json_leaves(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _json_leaves(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value[:3]) for p in _json_leaves(v, (*path, i))]
    return [path]


_SIMS = {
    "acc-client": json.loads(decode_json_bytes(
        sim_sample("acc", "acc_client_race_made_for_tests.json").read_bytes(), "acc")),
    "raceroom": json.loads(sim_sample("raceroom", "r3e_2016_portimao_qualify_and_race.json")
                           .read_text(encoding="utf-8")),
}


@pytest.mark.parametrize("sim", sorted(_SIMS))
def test_hostile_leaves_in_a_sims_json_are_read_or_located(sim: str, tmp_path: Path) -> None:
    document = _SIMS[sim]
    leaves = _json_leaves(document)
    path = tmp_path / "race.json"

    texts = [leaf for leaf in leaves if isinstance(_get(document, leaf), str)]
    numbers = [leaf for leaf in leaves if leaf not in texts]

    @st.composite
    def change(draw: st.DrawFn) -> tuple[tuple[Any, ...], object]:
        if draw(st.booleans()):
            leaf = draw(st.sampled_from(texts))
            return leaf, damaged(_get(document, leaf), draw)
        return draw(st.sampled_from(numbers)), draw(st.one_of(HOSTILE_NUMBER, HOSTILE_TEXT))

    @settings(EXAMPLES, max_examples=30 * SCALE)
    @given(changes=st.lists(change(), min_size=1, max_size=4))
    def classified(changes: list[tuple[tuple[Any, ...], object]]) -> None:
        changed = document
        for leaf, value in changes:
            changed = _set(changed, leaf, value)
        path.write_text(json.dumps(changed, allow_nan=True), encoding="utf-8")
        _tried(f"cli:{sim}-json (hypothesis)")
        for command in (["classify", "--format", "json"], ["qualifying"]):
            _cli([*command, str(path)], f"{sim} {changes!r}", ("race.json",))

    classified()


@st.composite
def record_book_page(draw: st.DrawFn) -> str:
    """A race table with hostile cells and spans (rowspan and colspan up to the largest HTML
    allows)."""
    span = st.sampled_from(["", "rowspan=2 | ", "colspan=3 | ", "rowspan=65534 | ",
                            "colspan=1000 | ", "rowspan=65534 colspan=1000 | ",
                            "rowspan=99999999999 | ", "colspan=-1 | "])
    rows = []
    for place in range(1, draw(st.integers(1, 12)) + 1):
        cells = [str(place), "LMP2", "24", "OAK Racing", "David Cheng", "100"]
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(cells) - 1))
            cells[at] = draw(span) + damaged(cells[at], draw).replace("\n", " ")
        rows.append("|-\n| " + " || ".join(cells))
    head = '{| class="wikitable"\n! Pos !! Class !! No !! Team !! Drivers !! Laps\n'
    return "== Race ==\n" + head + "\n".join(rows) + "\n|}\n"


def test_hostile_record_book_tables_are_read_or_located(tmp_path: Path) -> None:
    page = tmp_path / "page.wiki"

    @settings(EXAMPLES, max_examples=40 * SCALE)
    @given(text=record_book_page())
    def read(text: str) -> None:
        page.write_bytes(text.encode("utf-8", errors="surrogatepass"))
        _tried("cli:wikitext (hypothesis)")
        _cli(["recordbook", str(page), "--output", str(tmp_path / "out.csv")], text[:300],
             ("page.wiki",))

    read()


def test_figures_of_what_was_tried() -> None:
    """Runs last in this module: what was tried, by format (docs/reliability.md)."""
    if not TRIED:
        pytest.skip("run with the rest of the module to count what it tried")
    assert all(count > 0 for count in TRIED.values())
    print("\n" + "\n".join(f"{name}: {count}" for name, count in sorted(TRIED.items())))
