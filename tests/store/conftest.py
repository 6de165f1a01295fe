"""Each store test runs on SQLite and on PostgreSQL (127.0.0.1:5432, database `test`).

PostgreSQL is required where CI is set; elsewhere its half of the tests is skipped with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from pitboard.office import open_store
from pitboard.store.scratch import postgres_problem, scratch_postgres, scratch_sqlite
from pitboard.store.store import Store


@pytest.fixture(scope="session")
def postgres_available() -> None:
    problem = postgres_problem()
    if problem is not None:
        message = f"{problem}: the PostgreSQL half of the store tests needs it"
        if os.environ.get("CI"):
            pytest.fail(message + " (CI is set, so it is required)")
        pytest.skip(message)


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database of each kind."""
    if request.param == "postgresql":
        request.getfixturevalue("postgres_available")
        with scratch_postgres() as url:
            yield url
    else:
        with scratch_sqlite(tmp_path) as url:
            yield url


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """A store opened on an empty database, which loads the bundled record."""
    opened = open_store(database_url)
    yield opened
    opened.close()
