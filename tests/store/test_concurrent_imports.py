"""Imports of the same file at the same moment agree, on SQLite and PostgreSQL: each process
waits for the one before it, so one files the season and the others report it `unchanged`, even
on a new database that each of them must first create and migrate."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select
from tests.conftest import REPO

from pitboard.office import open_store
from pitboard.store import schema as t

DEMO = REPO / "src" / "pitboard" / "data" / "pitboard-demo" / "2026"
AT_ONCE = 3


def new_season_file(folder: Path) -> Path:
    """The bundled demo season under another year, so no database starts with it."""
    folder.mkdir()
    for source in DEMO.iterdir():
        text = source.read_text(encoding="utf-8")
        if source.name == "season.yaml":
            text = text.replace('season: "2026"', 'season: "2031"')
        (folder / source.name).write_text(text, encoding="utf-8")
    return folder / "season.yaml"


def test_the_same_file_imported_at_once_is_filed_once(database_url: str,
                                                      tmp_path: Path) -> None:
    season_file = new_season_file(tmp_path / "season")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "COLUMNS": "200"}
    runs = [subprocess.Popen([sys.executable, "-m", "pitboard", "import", str(season_file),
                              "--database", database_url], env=env, text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(AT_ONCE)]
    outcomes = [run.communicate(timeout=300) for run in runs]

    for run, (out, err) in zip(runs, outcomes, strict=True):
        assert run.returncode == 0, out + err
        assert "Traceback" not in err
    said = sorted("unchanged" if "unchanged" in out else "imported" for out, _ in outcomes)
    assert said == ["imported"] + ["unchanged"] * (AT_ONCE - 1)

    store = open_store(database_url, load_bundled=False)
    try:
        assert "pitboard-demo/2031" in store.season_ids()
        with store.engine.connect() as conn:
            logged = conn.execute(select(func.count()).select_from(t.import_log).where(
                t.import_log.c.season_id == "pitboard-demo/2031")).scalar_one()
        assert logged == 1
    finally:
        store.close()
