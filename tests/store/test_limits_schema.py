"""The schema states the input limits (domain/limits.py), on SQLite as on PostgreSQL, and the
migration that brought them in keeps every row of a database that was within them."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import text, update
from sqlalchemy.exc import DBAPIError
from tests.store.test_store import snapshot

from pitboard.domain import InputError
from pitboard.domain.limits import MAX_COUNT, NAME_LENGTH
from pitboard.office import open_store
from pitboard.store import schema as t
from pitboard.store.database import MIGRATIONS, foreign_keys_off, make_engine, migrate
from pitboard.store.store import Store

BEFORE_LIMITS = "0006"  # the revision before 0007's limits


def _to(revision: str, url: str) -> None:
    engine = make_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as connection, foreign_keys_off(connection), connection.begin():
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()


def _migrate(url: str) -> None:
    engine = make_engine(url)
    try:
        migrate(engine)
    finally:
        engine.dispose()


@pytest.mark.parametrize(("column", "value"), [
    ("team", "x" * (NAME_LENGTH + 1)),
    ("laps", 2**31),
    ("laps", -1),
    ("place", MAX_COUNT + 1),
    ("number", "1" * 21),
])
def test_the_database_refuses_a_value_past_a_limit(store: Store, column: str,
                                                  value: object) -> None:
    """What ingest refuses, the database refuses too, whichever it is: a write that did not
    come through ingest cannot store what the other database would not."""
    with pytest.raises(DBAPIError), store.engine.begin() as conn:
        conn.execute(update(t.result_lines).where(t.result_lines.c.id == conn.execute(
            text("SELECT min(id) FROM result_lines")).scalar_one()).values({column: value}))


def test_upgrading_a_database_within_the_limits_keeps_every_row(database_url: str) -> None:
    store = open_store(database_url)
    before = snapshot(store)
    store.close()
    _to(BEFORE_LIMITS, database_url)
    _migrate(database_url)
    store = open_store(database_url)
    try:
        assert snapshot(store) == before
        assert sum(len(rows) for rows in before.values()) > 300
    finally:
        store.close()


def test_a_database_holding_a_value_past_a_limit_is_named_and_left_as_it_was(
    database_url: str
) -> None:
    store = open_store(database_url)
    store.close()
    _to(BEFORE_LIMITS, database_url)
    engine = make_engine(database_url)
    long_team = "Team " + "x" * NAME_LENGTH
    with engine.begin() as conn:
        conn.execute(text("UPDATE entries SET team = :team WHERE id = (SELECT min(id) FROM "
                          "entries)"), {"team": long_team})
        season = conn.execute(text("SELECT season_id FROM entries WHERE team = :team"),
                              {"team": long_team}).scalar_one()
    with pytest.raises(InputError) as caught:
        migrate(engine)
    (problem,) = caught.value.problems
    assert problem.found.startswith(f"entries.team (length(\"team\") <= {NAME_LENGTH}): ")
    assert season in problem.found
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one() == (
            BEFORE_LIMITS)
        assert conn.execute(text("SELECT count(*) FROM entries WHERE team = :team"),
                            {"team": long_team}).scalar_one() == 1
    engine.dispose()
