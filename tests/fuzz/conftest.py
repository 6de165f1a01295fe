"""The fuzz suite runs on SQLite and on PostgreSQL, as the store tests do."""

from tests.store.conftest import database_url, postgres_available

__all__ = ["database_url", "postgres_available"]
