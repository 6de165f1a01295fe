"""initial schema: seasons, results, qualifying, timing laps

Revision ID: 0001
Revises: (none)
The tables of pitboard.store.schema as first released.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_imports")),
        sa.UniqueConstraint("sha256", name=op.f("uq_imports_sha256")),
    )
    op.create_table(
        "series",
        sa.Column("id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("short_name", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series")),
    )
    op.create_table(
        "seasons",
        sa.Column("id", sa.String(length=200), nullable=False),
        sa.Column("series_id", sa.String(length=100), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("rules", sa.JSON(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["series_id"], ["series.id"], name=op.f("fk_seasons_series_id_series")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seasons")),
    )
    op.create_table(
        "car_classes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("season_id", sa.String(length=200), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=50), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("scored", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["season_id"],
            ["seasons.id"],
            name=op.f("fk_car_classes_season_id_seasons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_car_classes")),
    )
    op.create_table(
        "decisions",
        sa.Column("record", sa.JSON(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("season_id", sa.String(length=200), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("class_code", sa.String(length=50), nullable=False),
        sa.Column("car_order", sa.JSON(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["season_id"],
            ["seasons.id"],
            name=op.f("fk_decisions_season_id_seasons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
    )
    op.create_table(
        "drivers",
        sa.Column("record", sa.JSON(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("season_id", sa.String(length=200), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("nationality", sa.String(length=3), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["season_id"],
            ["seasons.id"],
            name=op.f("fk_drivers_season_id_seasons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drivers")),
    )
    op.create_table(
        "entries",
        sa.Column("record", sa.JSON(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("season_id", sa.String(length=200), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("class_code", sa.String(length=50), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=True),
        sa.Column("team", sa.Text(), nullable=False),
        sa.Column("chassis", sa.Text(), nullable=False),
        sa.Column("engine", sa.Text(), nullable=False),
        sa.Column("manufacturer", sa.Text(), nullable=False),
        sa.Column("tyre", sa.Text(), nullable=False),
        sa.Column("drivers", sa.JSON(), nullable=False),
        sa.Column("rounds", sa.JSON(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["season_id"],
            ["seasons.id"],
            name=op.f("fk_entries_season_id_seasons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entries")),
    )
    op.create_table(
        "rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("season_id", sa.String(length=200), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("short_name", sa.Text(), nullable=False),
        sa.Column("circuit", sa.Text(), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["season_id"],
            ["seasons.id"],
            name=op.f("fk_rounds_season_id_seasons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rounds")),
    )
    op.create_table(
        "teams",
        sa.Column("record", sa.JSON(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("season_id", sa.String(length=200), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("nationality", sa.String(length=3), nullable=True),
        sa.Column("aliases", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["season_id"],
            ["seasons.id"],
            name=op.f("fk_teams_season_id_seasons"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_teams")),
    )
    op.create_table(
        "qualifying_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("source_line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["rounds.id"],
            name=op.f("fk_qualifying_sessions_round_id_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qualifying_sessions")),
        sa.UniqueConstraint("round_id", name=op.f("uq_qualifying_sessions_round_id")),
    )
    op.create_table(
        "races",
        sa.Column("record", sa.JSON(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("multiplier", sa.String(length=20), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("source_line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"], ["rounds.id"], name=op.f("fk_races_round_id_rounds"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_races")),
        sa.UniqueConstraint("round_id", "number", name="uq_races_round_number"),
    )
    op.create_table(
        "timing_sessions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("race_number", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("source_format", sa.Text(), nullable=False),
        sa.Column("event", sa.Text(), nullable=False),
        sa.Column("track", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("scheduled_seconds", sa.Float(), nullable=True),
        sa.Column("scheduled_laps", sa.Integer(), nullable=True),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("source_line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"],
            ["rounds.id"],
            name=op.f("fk_timing_sessions_round_id_rounds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timing_sessions")),
        sa.UniqueConstraint("round_id", "race_number", "kind", name="uq_timing_sessions_slot"),
    )
    op.create_table(
        "qualifying_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("place", sa.Integer(), nullable=False),
        sa.Column("class_code", sa.String(length=50), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=True),
        sa.Column("team", sa.Text(), nullable=False),
        sa.Column("drivers", sa.JSON(), nullable=False),
        sa.Column("time_seconds", sa.Float(), nullable=True),
        sa.Column("time", sa.Text(), nullable=True),
        sa.Column("disallowed", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("source_line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["qualifying_sessions.id"],
            name=op.f("fk_qualifying_lines_session_id_qualifying_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qualifying_lines")),
    )
    op.create_table(
        "result_lines",
        sa.Column("record", sa.JSON(), nullable=True),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("race_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("class_code", sa.String(length=50), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("place", sa.Integer(), nullable=True),
        sa.Column("number", sa.String(length=20), nullable=True),
        sa.Column("team", sa.Text(), nullable=False),
        sa.Column("drivers", sa.JSON(), nullable=False),
        sa.Column("chassis", sa.Text(), nullable=False),
        sa.Column("engine", sa.Text(), nullable=False),
        sa.Column("manufacturer", sa.Text(), nullable=False),
        sa.Column("tyre", sa.Text(), nullable=False),
        sa.Column("laps", sa.Integer(), nullable=True),
        sa.Column("time", sa.Text(), nullable=True),
        sa.Column("pole", sa.Boolean(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("source_line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["race_id"],
            ["races.id"],
            name=op.f("fk_result_lines_race_id_races"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_result_lines")),
    )
    with op.batch_alter_table("result_lines", schema=None) as batch_op:
        batch_op.create_index("ix_result_lines_race", ["race_id"], unique=False)

    op.create_table(
        "timed_cars",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("class_code", sa.String(length=50), nullable=False),
        sa.Column("car_group", sa.Text(), nullable=False),
        sa.Column("team", sa.Text(), nullable=False),
        sa.Column("vehicle", sa.Text(), nullable=False),
        sa.Column("manufacturer", sa.Text(), nullable=False),
        sa.Column("drivers", sa.JSON(), nullable=False),
        sa.Column("stated_status", sa.String(length=20), nullable=True),
        sa.Column("stated_position", sa.Integer(), nullable=True),
        sa.Column("stated_laps", sa.Integer(), nullable=True),
        sa.Column("stated_total_seconds", sa.Float(), nullable=True),
        sa.Column("stated_best_lap_seconds", sa.Float(), nullable=True),
        sa.Column("penalty_seconds", sa.Float(), nullable=False),
        sa.Column("status_reason", sa.Text(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("source_line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["timing_sessions.id"],
            name=op.f("fk_timed_cars_session_id_timing_sessions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timed_cars")),
    )
    with op.batch_alter_table("timed_cars", schema=None) as batch_op:
        batch_op.create_index("ix_timed_cars_session", ["session_id"], unique=False)

    op.create_table(
        "laps",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("car_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("driver", sa.Text(), nullable=True),
        sa.Column("time_seconds", sa.Float(), nullable=True),
        sa.Column("elapsed_seconds", sa.Float(), nullable=True),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("pit_in", sa.Boolean(), nullable=False),
        sa.Column("pit_time_seconds", sa.Float(), nullable=True),
        sa.Column("flag", sa.String(length=20), nullable=True),
        sa.Column("valid", sa.Boolean(), nullable=False),
        sa.Column("source_file", sa.Text(), nullable=True),
        sa.Column("source_line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["car_id"],
            ["timed_cars.id"],
            name=op.f("fk_laps_car_id_timed_cars"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_laps")),
    )
    with op.batch_alter_table("laps", schema=None) as batch_op:
        batch_op.create_index("ix_laps_car", ["car_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("laps", schema=None) as batch_op:
        batch_op.drop_index("ix_laps_car")

    op.drop_table("laps")
    with op.batch_alter_table("timed_cars", schema=None) as batch_op:
        batch_op.drop_index("ix_timed_cars_session")

    op.drop_table("timed_cars")
    with op.batch_alter_table("result_lines", schema=None) as batch_op:
        batch_op.drop_index("ix_result_lines_race")

    op.drop_table("result_lines")
    op.drop_table("qualifying_lines")
    op.drop_table("timing_sessions")
    op.drop_table("races")
    op.drop_table("qualifying_sessions")
    op.drop_table("teams")
    op.drop_table("rounds")
    op.drop_table("entries")
    op.drop_table("drivers")
    op.drop_table("decisions")
    op.drop_table("car_classes")
    op.drop_table("seasons")
    op.drop_table("series")
    op.drop_table("imports")
