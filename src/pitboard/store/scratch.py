"""Throwaway databases for tests and benchmarks: a SQLite file, or a fresh PostgreSQL schema.

Each PostgreSQL scratch database is a schema of its own (dropped afterwards), so runs that share
one server never see each other's tables.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, text

POSTGRES_ENV = "PITBOARD_TEST_POSTGRES"
POSTGRES_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/test"


def postgres_server() -> str:
    return os.environ.get(POSTGRES_ENV, POSTGRES_DEFAULT)


def postgres_problem() -> str | None:
    """Why the PostgreSQL server cannot be used, or None when it answers."""
    engine = create_engine(postgres_server(), connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("select 1"))
    except Exception as err:  # any failure to connect means: no server to test on
        return f"no PostgreSQL server at {postgres_server()} ({type(err).__name__})"
    finally:
        engine.dispose()
    return None


@contextmanager
def scratch_postgres() -> Iterator[str]:
    """A URL whose connections see only a new, empty schema; the schema is dropped on exit."""
    schema = f"pitboard_scratch_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_server())
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in postgres_server() else "?"
    url = f"{postgres_server()}{separator}options={quote(f'-csearch_path={schema}')}"
    try:
        yield url
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@contextmanager
def scratch_sqlite(folder: Path) -> Iterator[str]:
    path = folder / f"scratch-{uuid.uuid4().hex[:8]}.sqlite"
    try:
        yield f"sqlite:///{path}"
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
