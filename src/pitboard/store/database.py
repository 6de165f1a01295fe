"""Where the database is, and opening it: migrations run on open, the bundled record loads once.

SQLite by default (a file under $PITBOARD_HOME or ~/.local/share/pitboard), so a user needs no
server; any PostgreSQL through a URL (`--database` or PITBOARD_DATABASE_URL).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from pitboard.domain import InputError, Problem

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DATABASE_ENV = "PITBOARD_DATABASE_URL"
HOME_ENV = "PITBOARD_HOME"
SQLITE_WAIT_SECONDS = 120  # how long an import waits for another one to finish


def data_home() -> Path:
    """$PITBOARD_HOME, or the XDG data folder (~/.local/share/pitboard)."""
    if os.environ.get(HOME_ENV):
        return Path(os.environ[HOME_ENV]).expanduser()
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "pitboard"


def default_url() -> str:
    return os.environ.get(DATABASE_ENV) or f"sqlite:///{data_home() / 'pitboard.sqlite'}"


def normalise_url(url: str) -> str:
    """Plain postgresql:// URLs use psycopg 3 (the driver pitboard installs)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str | None = None) -> Engine:
    """An engine for the URL (default: the user's SQLite file, created with its folder)."""
    text = normalise_url(url or default_url())
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise InputError(
            [Problem("--database", None, "database", "a database URL (sqlite:///file or "
                     "postgresql://user@host/db)", repr(text))]
        ) from None
    try:
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:":
                Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(parsed, connect_args={"timeout": SQLITE_WAIT_SECONDS})
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
            return engine
        return create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, OSError) as err:
        raise InputError([Problem("--database", None, "database",
                                  "a SQLite or PostgreSQL database URL", f"{text!r} ({err})")]
                         ) from None


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # pysqlite's own transaction handling starts a write lazily, so two imports could both
    # read, then one fail to write; pitboard begins transactions itself (`_sqlite_begin`).
    dbapi_connection.isolation_level = None  # type: ignore[attr-defined]
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers go on while an import writes
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    """An import's transaction takes the write lock at once (BEGIN IMMEDIATE): a second import
    waits for the first, then reads what it wrote; readers go on meanwhile (WAL)."""
    writing = connection.get_execution_options().get("pitboard_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


# Every write (an import, a migration) takes this PostgreSQL advisory lock for its transaction,
# so two processes never build on the same stale state: the second waits, then sees what the
# first wrote. SQLite's BEGIN IMMEDIATE does the same there.
WRITE_LOCK = 0x70697462  # "pitb"


def take_write_lock(connection: Connection) -> None:
    """Wait for any other pitboard write on this database to end (PostgreSQL; held until the
    transaction ends). On SQLite the transaction's BEGIN IMMEDIATE already holds the lock."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest migration shipped in the package. Two processes opening
    a new database at once take turns: the second finds it migrated."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with (engine.connect() as opened, foreign_keys_off(opened)):
            connection = opened.execution_options(pitboard_write=True)
            with connection.begin():
                take_write_lock(connection)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
    except OperationalError as err:
        reason = str(err.orig).strip().splitlines()[0] if err.orig else str(err)
        raise InputError([Problem("--database", None, "database",
                                  "a database pitboard can connect to",
                                  f"{engine.url.render_as_string(hide_password=True)} "
                                  f"({reason})")]) from None


@contextmanager
def foreign_keys_off(connection: Connection) -> Iterator[None]:
    """SQLite: foreign keys off while migrations run. A migration that changes a table copies
    it to a new one and drops the old, and with foreign keys on, dropping `rounds` would
    delete every race of it (ON DELETE CASCADE). Checked whole before they are on again."""
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.driver_connection
    if raw is None:
        raise RuntimeError("a SQLite connection has its driver's connection")
    raw.execute("PRAGMA foreign_keys=OFF")  # outside any transaction, where SQLite heeds it
    try:
        yield
        broken = raw.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"migrations left rows without their parents: {broken[:5]}")
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def is_empty(engine: Engine) -> bool:
    from sqlalchemy import func, select

    from pitboard.store.schema import seasons

    if not inspect(engine).has_table("seasons"):
        return True
    with engine.connect() as connection:
        return not connection.execute(select(func.count()).select_from(seasons)).scalar()
