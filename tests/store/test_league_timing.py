"""A league's timed races in the store score exactly as `pitboard standings FOLDER` scores them:
the season's class map and drivers' names, the class poles of the qualifying file, and the
penalties, however and in whatever order the files were imported.

The folders link the real ACC and rFactor 2 files in place; nothing is copied.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import real_file
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.domain import FinishStatus, InputError, ResultLine, SourceRef
from pitboard.domain.timing import SessionKind, TimedCar, TimedDriver, TimingSession
from pitboard.formats import registry
from pitboard.formats.registry import TimingReader
from pitboard.ingest import load_league_folder
from pitboard.ingest.imports import Target
from pitboard.office import import_paths, open_store
from pitboard.output.schema import standings_document

pytestmark = pytest.mark.real_data

ACC = "acc-league/2019"
ACC_FILES = {
    "r1_race.json": "acc_2019_brands_hatch_race_3cars.json",
    "r1_qualifying.json": "acc_2019_brands_hatch_qualify.json",
    "r2_race.json": "acc_silverstone_race_40cars.json",
}
# Two classes from one game class: the Mercedes by its car name, every other GT3 by the class.
# Andrea Mel is a season driver by an alias; Andre by his Steam id (docs/league-seasons.md).
ACC_SEASON = """series: {id: acc-league, name: ACC League}
season: "2019"
rules: {points: [10, 6, 4, 3, 2, 1], pole_points: 1}
classes: [{code: Pro}, {code: Am}]
class_map: {Mercedes-AMG GT3: Am, GT3: Pro}
drivers:
  - {name: Andrea Melandri, aliases: [Andrea Mel]}
  - {name: Andre Silva, ids: [S76561197982083718]}
"""
ACC_CALENDAR = """calendar:
  - round: 1
    name: Brands Hatch
    qualifying_timing: r1_qualifying.json
    races: [{number: 1, timing: r1_race.json%s}]
  - {round: 2, name: Silverstone, timing: r2_race.json}
"""


def acc_league(folder: Path, penalties: str | None = None) -> Path:
    """The ACC league: Brands Hatch (race and qualifying) and Silverstone, with the penalties
    CSV given to the Brands Hatch race when there is one."""
    folder.mkdir()
    for name, real in ACC_FILES.items():
        (folder / name).symlink_to(real_file("acc", real))
    named = ""
    if penalties is not None:
        (folder / "r1_penalties.csv").write_text(penalties, encoding="utf-8")
        named = ", penalties: r1_penalties.csv"
    (folder / "season.yaml").write_text(ACC_SEASON + ACC_CALENDAR % named, encoding="utf-8")
    return folder


def pitboard(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def folder_standings(folder: Path) -> Any:
    """What `pitboard standings FOLDER --format json` prints."""
    return json.loads(pitboard("standings", str(folder), "--format", "json"))


def stored_standings(database_url: str, season_id: str) -> Any:
    """The same document for the season as the store holds it."""
    store = open_store(database_url)
    try:
        view = store.view(season_id)
        assert view is not None
        document = standings_document(view.season, view.rules, view.tables, view.awards)
        return json.loads(json.dumps(document.to_json_dict()))
    finally:
        store.close()


def stored_race(database_url: str, season_id: str, round_number: int) -> tuple[ResultLine, ...]:
    store = open_store(database_url)
    try:
        view = store.view(season_id)
        assert view is not None
        (race,) = next(r for r in view.season.rounds if r.number == round_number).races
        return race.results
    finally:
        store.close()


def brands_hatch(lines: tuple[ResultLine, ...]) -> list[tuple[str, str, tuple[str, ...], bool]]:
    return [(ln.class_code, ln.number or "", ln.drivers, ln.pole) for ln in lines]


def test_a_league_folder_in_the_store_is_the_folder_to_the_last_line(
    database_url: str, tmp_path: Path
) -> None:
    folder = acc_league(tmp_path / "acc")
    pitboard("import", str(folder), "--database", database_url)
    assert stored_standings(database_url, ACC) == folder_standings(folder)
    store = open_store(database_url)
    try:
        view = store.view(ACC)
        assert view is not None
        assert view.season == load_league_folder(folder).season
        timed = store.race_timing(ACC, 2, 1)  # the lap charts: season classes, one name each
        assert timed is not None
        assert {(c.number, c.class_code, c.drivers[0].name) for c in timed.cars} >= {
            ("723", "Pro", "Andre Silva"), ("79", "Am", "Willem"),
            ("62", "Pro", "Anthony [S76561198078469182]"),
        }
    finally:
        store.close()


def test_timing_files_imported_one_by_one_score_as_the_folder(
    database_url: str, tmp_path: Path
) -> None:
    """The season file alone first, its rounds without files; then the timing files, the last
    round first and the qualifying (class poles) last, each into its round."""
    folder = acc_league(tmp_path / "acc")
    bare = tmp_path / "bare.yaml"
    bare.write_text(ACC_SEASON + "calendar:\n  - {round: 1, name: Brands Hatch}\n"
                    "  - {round: 2, name: Silverstone}\n", encoding="utf-8")
    pitboard("import", str(bare), "--database", database_url)
    for name, round_ref in (("r2_race.json", "2"), ("r1_race.json", "1"),
                            ("r1_qualifying.json", "Brands Hatch")):
        pitboard("import", str(folder / name), "--season", ACC, "--round", round_ref,
                 "--database", database_url)
    assert stored_standings(database_url, ACC) == folder_standings(folder)
    assert brands_hatch(stored_race(database_url, ACC, 1)) == [
        ("Am", "82", ("Andrea Melandri",), True),
        ("Pro", "107", ("Alberto For",), False),
        ("Pro", "17", ("Federico Siv",), True),
    ]
    store = open_store(database_url)
    try:
        view = store.view(ACC)
        assert view is not None
        assert view.season == load_league_folder(folder).season
    finally:
        store.close()


def test_a_penalties_file_keeps_the_class_map_names_and_poles(
    database_url: str, tmp_path: Path
) -> None:
    decisions = "number,kind,value,reason\n107,time,60,causing a collision\n"
    pitboard("import", str(acc_league(tmp_path / "acc")), "--database", database_url)
    penalties = tmp_path / "penalties.csv"
    penalties.write_text(decisions, encoding="utf-8")
    pitboard("import", str(penalties), "--season", ACC, "--round", "1",
             "--database", database_url)
    with_penalties = acc_league(tmp_path / "acc-penalties", penalties=decisions)
    assert stored_standings(database_url, ACC) == folder_standings(with_penalties)
    lines = stored_race(database_url, ACC, 1)
    assert brands_hatch(lines) == [
        ("Am", "82", ("Andrea Melandri",), True),
        ("Pro", "17", ("Federico Siv",), True),  # 60 s passes the win on
        ("Pro", "107", ("Alberto For",), False),
    ]
    assert lines[2].note == "+60 s (causing a collision)"


def rfactor2_league(folder: Path, penalties: str | None = None) -> Path:
    """Sebring (race and qualifying) and Topeka, whose file holds the game's own penalties."""
    folder.mkdir()
    links = {
        "sebring.xml": "rf2_2013_sebring_lolat280_20min_race.xml",
        "sebring_q.xml": "rf2_2013_sebring_lolat280_qualify.xml",
        "topeka.xml": "rf2_2013_topeka_megane_20min_race_with_penalties.xml",
    }
    for name, real in links.items():
        (folder / name).symlink_to(real_file("rfactor2", real))
    named = ""
    if penalties is not None:
        (folder / "topeka_penalties.csv").write_text(penalties, encoding="utf-8")
        named = ", penalties: topeka_penalties.csv"
    (folder / "season.yaml").write_text(
        'series: {id: club-cup, name: Club Cup}\nseason: "2013"\n'
        "rules: {points: [25, 18, 15, 12, 10, 8, 6, 4, 2, 1], pole_points: 1}\n"
        "classes: [{code: Club}]\nclass_map: {LolaT280: Club, Megane Trophy: Club}\n"
        "drivers:\n  - {name: Gérard Larrousse, aliases: [Gerard larrousse]}\n"
        "calendar:\n"
        "  - {round: 1, name: Sebring, timing: sebring.xml, qualifying_timing: sebring_q.xml}\n"
        f"  - round: 2\n    name: Topeka\n    races: [{{number: 1, timing: topeka.xml{named}}}]\n",
        encoding="utf-8",
    )
    return folder


def test_a_penalties_file_keeps_the_penalties_the_game_applied(
    database_url: str, tmp_path: Path
) -> None:
    """mauserrifle's 35 s at Topeka are the game's; the league adds 30 s for sushi's #02."""
    decisions = "number,kind,value,reason\n02,time,30,jump start\n"
    pitboard("import", str(rfactor2_league(tmp_path / "rf2")), "--database", database_url)
    penalties = tmp_path / "penalties.csv"
    penalties.write_text(decisions, encoding="utf-8")
    pitboard("import", str(penalties), "--season", "club-cup/2013", "--round", "Topeka",
             "--database", database_url)
    with_penalties = rfactor2_league(tmp_path / "rf2-penalties", penalties=decisions)
    assert stored_standings(database_url, "club-cup/2013") == folder_standings(with_penalties)
    notes = {ln.drivers: ln.note for ln in stored_race(database_url, "club-cup/2013", 2)}
    assert notes[("mauserrifle",)] == "+35 s (finished before serving a penalty)"
    assert notes[("sushi",)] == "+30 s (jump start)"


def test_a_timing_file_with_a_car_the_class_map_misses_is_refused(
    database_url: str, tmp_path: Path
) -> None:
    season = tmp_path / "season.yaml"
    season.write_text(
        'series: {id: acc-league, name: ACC League}\nseason: "2019"\n'
        "class_map: {Mercedes-AMG GT3: Am}\ncalendar: [{round: 1, name: Brands Hatch}]\n",
        encoding="utf-8",
    )
    store = open_store(database_url, load_bundled=False)
    try:
        import_paths(store, [season], Target())
        with pytest.raises(InputError) as caught:
            import_paths(store, [real_file("acc", ACC_FILES["r1_race.json"])],
                         Target(season=ACC, round="1"))
        assert [(p.field, p.found) for p in caught.value.problems] == [
            ("class", "'GT3 / Audi R8 LMS'"), ("class", "'GT3 / Audi R8 LMS'"),
        ]
        assert all(p.line is not None for p in caught.value.problems)
        assert store.race_timing(ACC, 1, 1) is None
    finally:
        store.close()


def _one_car_race(driver: str, steam_id: str) -> TimingSession:
    return TimingSession(
        kind=SessionKind.RACE, source=SourceRef(f"{steam_id}.json"),
        cars=(TimedCar(number="7", class_code="GT3", stated_status=FinishStatus.CLASSIFIED,
                       stated_laps=10, stated_total_seconds=1200.0,
                       drivers=(TimedDriver(name=driver, source_id=steam_id),)),),
    )


class _OneCarFormat(TimingReader):
    """A file `ONE CAR <driver> <id>` holds a one-car race of that driver."""

    name = "one-car"
    description = "a format of the test's own"

    def sniff(self, head: bytes, name: str) -> bool:
        return head.startswith(b"ONE CAR ")

    def read(self, data: bytes, name: str) -> tuple[TimingSession, ...]:
        _, _, driver, steam_id = data.decode().split()
        return (_one_car_race(driver, steam_id),)


def test_a_second_id_under_a_known_name_renames_the_driver_in_earlier_rounds(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As the season file would: two ids under one name are two drivers, each with their id."""
    season = tmp_path / "season.yaml"
    season.write_text(
        'series: {id: sim, name: Sim}\nseason: "1"\n'
        "calendar: [{round: 1, name: One}, {round: 2, name: Two}]\n", encoding="utf-8")
    store = open_store(database_url, load_bundled=False)
    try:
        monkeypatch.setattr(registry, "_loaded", [_OneCarFormat(), *registry.readers()])
        (tmp_path / "S1.json").write_bytes(b"ONE CAR Sam S1")
        (tmp_path / "S2.json").write_bytes(b"ONE CAR sam S2")
        import_paths(store, [season], Target())
        import_paths(store, [tmp_path / "S1.json"], Target("sim/1", "1"))
        view = store.view("sim/1")
        assert view is not None
        assert view.season.rounds[0].races[0].results[0].drivers == ("Sam",)
        import_paths(store, [tmp_path / "S2.json"], Target("sim/1", "2"))
        view = store.view("sim/1")
        assert view is not None
        assert [rnd.races[0].results[0].drivers for rnd in view.season.rounds] == [
            ("Sam [S1]",), ("sam [S2]",),  # each id keeps its own first spelling
        ]
        timed = store.race_timing("sim/1", 1, 1)
        assert timed is not None and timed.cars[0].drivers[0].name == "Sam [S1]"
    finally:
        store.close()
