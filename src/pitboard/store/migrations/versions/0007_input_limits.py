"""every text and number column states the limit ingest holds its values to

Revision ID: 0007
Revises: 0006
Names, notes and times become VARCHARs of their limit (domain/limits.py), and each limited column
gets a CHECK constraint, which SQLite enforces as PostgreSQL does. A database holding a value
past a limit (stored by an older pitboard on SQLite, which kept anything) is not changed: the
upgrade stops, naming each table, column and season, and the database stays as it was until
those seasons' files are corrected and imported again with the older pitboard (`--replace`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from pitboard.domain import InputError, Problem

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

NAME, TEXT = 200, 2000
# table -> column -> (length, whether it was TEXT before) or (low, high) for whole numbers.
LIMITS: dict[str, dict[str, tuple[int, bool] | tuple[int, int, None]]] = {
    "series": {"id": (100, False), "name": (NAME, True), "short_name": (NAME, True)},
    "seasons": {"name": (50, True)},
    "car_classes": {"code": (50, False), "name": (NAME, True), "note": (TEXT, True)},
    "drivers": {"name": (NAME, True)},
    "teams": {"name": (NAME, True)},
    "entries": {"class_code": (50, False), "number": (20, False), "team": (NAME, True),
                "chassis": (NAME, True), "engine": (NAME, True), "manufacturer": (NAME, True),
                "tyre": (NAME, True), "note": (TEXT, True)},
    "decisions": {"class_code": (50, False), "reason": (TEXT, True)},
    "adjustments": {"class_code": (50, False), "round": (1, 1000, None),
                    "reason": (TEXT, True)},
    "rounds": {"number": (1, 1000, None), "name": (NAME, True), "short_name": (NAME, True),
               "circuit": (NAME, True), "note": (TEXT, True)},
    "races": {"number": (1, 100, None), "name": (NAME, True)},
    "result_lines": {"class_code": (50, False), "place": (0, 1_000_000, None),
                     "number": (20, False), "team": (NAME, True), "chassis": (NAME, True),
                     "engine": (NAME, True), "manufacturer": (NAME, True),
                     "tyre": (NAME, True), "laps": (0, 1_000_000, None),
                     "time": (NAME, True), "note": (TEXT, True)},
    "qualifying_sessions": {"name": (NAME, True)},
    "qualifying_lines": {"place": (0, 1_000_000, None), "class_code": (50, False),
                         "number": (20, False), "team": (NAME, True), "time": (NAME, True),
                         "note": (TEXT, True)},
    "timed_races": {"race_number": (1, 100, None)},
    "season_inputs": {"race": (1, 100, None)},
}
# How a row of each table finds its season, to name it when a value is past a limit.
_SEASON_OF = {
    "series": "id", "seasons": "id", "car_classes": "season_id", "drivers": "season_id",
    "teams": "season_id", "entries": "season_id", "decisions": "season_id",
    "adjustments": "season_id", "rounds": "season_id", "season_inputs": "season_id",
}


def _condition(column: str, limit: tuple[int, bool] | tuple[int, int, None]) -> str:
    if len(limit) == 3:
        return f'"{column}" BETWEEN {limit[0]} AND {limit[1]}'
    return f'length("{column}") <= {limit[0]}'


def _past_limits() -> list[str]:
    """Every column of every table holding a value past its limit, with the seasons holding
    it where the table names them."""
    connection = op.get_bind()
    found = []
    for table, columns in LIMITS.items():
        for column, limit in columns.items():
            where = f"NOT ({_condition(column, limit)})"
            season = _SEASON_OF.get(table)
            what = f"DISTINCT {season}" if season else "count(*)"
            rows = connection.execute(sa.text(f'SELECT {what} FROM "{table}" WHERE {where}'))
            values = [str(row[0]) for row in rows if row[0]]
            if values:
                found.append(f"{table}.{column} ({_condition(column, limit)}): "
                             + (", ".join(values) if season else f"{values[0]} rows"))
    return found


def upgrade() -> None:
    past = _past_limits()
    if past:
        raise InputError([Problem(
            "--database", None, "database",
            "values within the input limits (correct these seasons' files and import them "
            "again with --replace before upgrading)", found) for found in past])
    for table, columns in LIMITS.items():
        with op.batch_alter_table(table, recreate="auto") as batch_op:
            for column, limit in columns.items():
                if len(limit) == 2 and limit[1]:
                    batch_op.alter_column(column, existing_type=sa.Text(),
                                          type_=sa.String(limit[0]))
                batch_op.create_check_constraint(f"ck_{table}_{column}_limit",
                                                 _condition(column, limit))


def downgrade() -> None:
    for table, columns in LIMITS.items():
        with op.batch_alter_table(table, recreate="auto") as batch_op:
            for column, limit in columns.items():
                batch_op.drop_constraint(f"ck_{table}_{column}_limit", type_="check")
                if len(limit) == 2 and limit[1]:
                    batch_op.alter_column(column, existing_type=sa.String(limit[0]),
                                          type_=sa.Text())
