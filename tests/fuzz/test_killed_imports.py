"""An import killed with SIGKILL at any moment leaves the database as it was or with the whole
file, never part of it, on SQLite and PostgreSQL; the next import then works.

The real `pitboard import` of a world championship season file (the Spa 6 Hours and the 24 Hours
of Le Mans, lap by lap) runs in a process of its own and is killed at points spread over the time
a whole import takes, from reading the files to the commit.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pitboard.office import open_store
from pitboard.store import schema as t
from pitboard.store.scratch import scratch_postgres, scratch_sqlite
from tests.conftest import REPO
from tests.web.conftest import WEC, wec_season

# Where in a whole import's time each kill lands.
KILL_POINTS = (0.4, 0.75, 0.95)


def _counts(url: str) -> dict[str, int]:
    """Rows per table: a partial import would leave some tables grown and others not."""
    store = open_store(url, load_bundled=False)
    try:
        with store.engine.connect() as conn:
            return {table.name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                    for table in t.metadata.sorted_tables}
    finally:
        store.close()


def _import(season_file: Path, url: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen([sys.executable, "-m", "pitboard", "import", str(season_file),
                             "--database", url], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


@pytest.mark.real_data
@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_an_import_killed_at_any_moment_is_all_or_nothing(
    kind: str, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    if kind == "postgresql":
        request.getfixturevalue("postgres_available")
    season_file = wec_season(tmp_path / "wec", dt.date(2026, 1, 1))

    def database(name: str) -> object:
        return scratch_postgres() if kind == "postgresql" else scratch_sqlite(tmp_path / name)

    with database("whole") as url:
        open_store(url).close()
        before = _counts(url)
        started = time.monotonic()
        assert _import(season_file, url).wait(timeout=120) == 0
        whole_seconds = time.monotonic() - started
        after = _counts(url)
    assert after["seasons"] == before["seasons"] + 1
    outcomes = []
    for point in KILL_POINTS:
        with database(f"killed-{point}") as url:
            open_store(url).close()
            process = _import(season_file, url)
            time.sleep(whole_seconds * point)
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
            left = _counts(url)
            assert left in (before, after), f"killed at {point:.0%}: {left}"
            outcomes.append("whole" if left == after else "nothing")
            if left == before:  # the import given again, after the kill, works whole
                assert _import(season_file, url).wait(timeout=120) == 0
                assert _counts(url) == after
            store = open_store(url)
            try:
                assert WEC in store.season_ids()
            finally:
                store.close()
    assert "nothing" in outcomes, outcomes  # at least one kill landed before the commit
