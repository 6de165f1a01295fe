"""`pitboard watch`: a result file a game server writes into the folder is in the database, and
on the site, within seconds; each goes to the next round without results.

The watch runs in a thread of the test, on the operating system's file events; the site is
served from a second store on the same database, as `pitboard serve` in another process is.
"""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from pitboard.cli import app
from pitboard.cli.watch_commands import FolderImporter, watch_folder
from pitboard.ingest.imports import Target
from pitboard.office import import_paths, open_store
from pitboard.store.store import Store
from tests.conftest import sim_sample

from .conftest import database, serve

SEASON = "rookies-night/2013"
SEASON_FILE = """series: {id: rookies-night, name: Rookies Night}
season: "2013"
rules: {points: [25, 18, 15, 12, 10, 8, 6, 4, 2, 1]}
classes: [{code: GT}]
class_map: {Corvette ALMS GT2 2009: GT, GT3: GT}
calendar:
  - {round: 1, name: Mid-Ohio}
  - {round: 2, name: Brands Hatch}
"""
MID_OHIO = sim_sample("rfactor2", "rf2_2013_mid_ohio_gt2_15min_race.xml")
ACC_SAVE = sim_sample("acc", "acc_client_race_made_for_tests.json")


def _until(condition: Callable[[], Any], seconds: float = 20.0) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    pytest.fail(f"not within {seconds} s")


class Watch:
    """`watch_folder` in a thread, with what it said."""

    def __init__(self, folder: Path, store: Store) -> None:
        self.folder, self.said, self.stop = folder, [], threading.Event()
        importer = FolderImporter(store, SEASON)
        self.thread = threading.Thread(
            target=watch_folder, args=(folder, importer, self.said.append, self.stop))

    def said_about(self, name: str) -> str | None:
        return next((line for line in self.said if line.startswith(f"{name}:")), None)

    def write(self, source: Path, name: str) -> str:
        shutil.copyfile(source, self.folder / name)
        line: str = _until(lambda: self.said_about(name))
        return line


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with database(request.param, request, tmp_path) as url:
        yield url


@pytest.fixture
def watching(database_url: str, tmp_path: Path) -> Iterator[tuple[Watch, httpx.Client]]:
    """The season in the database, a watch on an empty folder, and the site on the database."""
    store = open_store(database_url, load_bundled=False)
    (tmp_path / "season.yaml").write_text(SEASON_FILE, encoding="utf-8")
    import_paths(store, [tmp_path / "season.yaml"], Target())
    folder = tmp_path / "results"
    folder.mkdir()
    watch = Watch(folder, store)
    watch.thread.start()
    site = open_store(database_url, load_bundled=False)
    try:
        # The watcher is listening once it has answered a file written into the folder.
        probe = folder / "probe.json"
        _until(lambda: probe.write_text("{}") and watch.said_about(probe.name))
        with serve(site) as base, httpx.Client(base_url=base, timeout=20) as client:
            yield watch, client
    finally:
        watch.stop.set()
        watch.thread.join(timeout=10)
        site.close()
        store.close()


def _round_winner(client: httpx.Client, number: int) -> list[str] | None:
    document = client.get(f"/api/v1/seasons/{SEASON}/rounds/{number}").json()
    rows = [row for race in document["races"] for c in race["classes"] for row in c["rows"]]
    return rows[0]["drivers"] if rows else None


def test_a_result_file_written_into_the_folder_is_on_the_site_within_seconds(watching) -> None:
    watch, client = watching
    assert _round_winner(client, 1) is None
    written = time.monotonic()
    line = watch.write(MID_OHIO, "2013_05_22_20_07_02-15R1.xml")
    assert line.endswith(f"imported into {SEASON} round 1 race 1")
    assert _until(lambda: _round_winner(client, 1)) == ["Jani"]
    assert time.monotonic() - written < 10


def test_each_new_race_goes_to_the_next_round_and_a_session_is_imported_once(watching) -> None:
    watch, client = watching
    assert "round 1" in watch.write(MID_OHIO, "race_mid_ohio.xml")
    assert "round 2" in watch.write(ACC_SAVE, "race_brands_hatch.json")
    again = watch.write(MID_OHIO, "race_mid_ohio_copy.xml")
    assert again == "race_mid_ohio_copy.xml: the same race as a file already imported"
    assert _until(lambda: _round_winner(client, 2)) == ["Ben Okoro"]
    assert _round_winner(client, 1) == ["Jani"]


def test_a_file_that_is_not_a_result_is_reported_and_the_watch_goes_on(watching) -> None:
    watch, _ = watching
    assert watch.said_about("probe.json").startswith("probe.json: not imported\n  probe.json:1: "
                                                     "format: expected a timing file")
    (watch.folder / "notes.txt").write_text("qualifying at 8")
    (watch.folder / ".race.xml.swp").write_bytes(b"\x00")
    assert "round 1" in watch.write(MID_OHIO, "race.xml")
    assert not watch.said_about("notes.txt")
    assert not watch.said_about(".race.xml.swp")


def test_the_command_refuses_a_missing_folder_or_a_season_not_stored(
    database_url: str, tmp_path: Path
) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["watch", str(tmp_path / "nowhere"), "--season", SEASON,
                                 "--database", database_url])
    assert result.exit_code == 2
    assert "folder: expected a folder to watch, found no such folder" in result.output
    result = runner.invoke(app, ["watch", str(tmp_path), "--season", "nobody/2013",
                                 "--database", database_url])
    assert result.exit_code == 2
    assert "expected a stored season" in result.output


def test_files_already_there_are_imported_first_when_asked(database_url: str,
                                                           tmp_path: Path) -> None:
    store = open_store(database_url, load_bundled=False)
    try:
        (tmp_path / "season.yaml").write_text(SEASON_FILE, encoding="utf-8")
        import_paths(store, [tmp_path / "season.yaml"], Target())
        folder = tmp_path / "results"
        folder.mkdir()
        shutil.copyfile(MID_OHIO, folder / "older.xml")
        shutil.copyfile(ACC_SAVE, folder / "newer.json")
        os.utime(folder / "older.xml", (1_000_000_000, 1_000_000_000))
        said: list[str] = []
        stop = threading.Event()
        stop.set()  # nothing new is awaited: only the files already there
        watch_folder(folder, FolderImporter(store, SEASON), said.append, stop, existing=True)
        assert [line.split(",")[-1] for line in said] == [
            f" imported into {SEASON} round 1 race 1", f" imported into {SEASON} round 2 race 1"]
        assert said[0].startswith("older.xml")
    finally:
        store.close()
