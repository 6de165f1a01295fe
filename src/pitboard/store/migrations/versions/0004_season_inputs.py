"""a season keeps every file it was given, and is made again from them on each import

Revision ID: 0004
Revises: 0003
The bytes of every file go to `documents`, which file went to which season, round and race to
`season_inputs`; each import that changes a season adds a row to `import_log`. A timed race's
timing is kept whole (`timed_races`) instead of a row per car and per lap. Seasons stored before
kept no files: the bundled ones are loaded again on open; any other is read as it was, and an
import into it asks for its season file first.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table("laps")
    op.drop_table("timed_cars")
    op.drop_table("timing_sessions")
    op.drop_table("imports")
    op.create_table(
        "timed_races",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("race_number", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["round_id"], ["rounds.id"],
                                name=op.f("fk_timed_races_round_id_rounds"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timed_races")),
        sa.UniqueConstraint("round_id", "race_number", name="uq_timed_races_slot"),
    )
    op.create_table(
        "documents",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_documents")),
    )
    op.create_table(
        "season_inputs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("season_id", sa.String(length=200), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("display", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("round_ref", sa.Text(), nullable=True),
        sa.Column("race", sa.Integer(), nullable=False),
        sa.Column("session", sa.Text(), nullable=True),
        sa.Column("replace", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["season_id"], ["seasons.id"],
                                name=op.f("fk_season_inputs_season_id_seasons"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sha256"], ["documents.sha256"],
                                name=op.f("fk_season_inputs_sha256_documents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_season_inputs")),
        sa.UniqueConstraint("season_id", "seq", name="uq_season_inputs_seq"),
    )
    op.create_table(
        "import_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("season_id", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("replaced", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_log")),
    )


def downgrade() -> None:
    op.drop_table("import_log")
    op.drop_table("season_inputs")
    op.drop_table("documents")
    op.drop_table("timed_races")
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
