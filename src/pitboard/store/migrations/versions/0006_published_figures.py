"""a season keeps what was published about it; a series keeps its history as dated events

Revision ID: 0006
Revises: 0005
`seasons.published` holds a season's published figures (champions, final tables, sources) as
JSON; `series` gains its description and sources, and `series_events` its history. Seasons
stored before have no published figures until their season file is imported again; bundled
seasons not stored yet, and the bundled series' histories, are loaded on open.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("seasons", schema=None) as batch_op:
        batch_op.add_column(sa.Column("published", sa.JSON(), nullable=True))
    with op.batch_alter_table("series", schema=None) as batch_op:
        batch_op.add_column(sa.Column("about", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("sources", sa.JSON(), nullable=True))
    op.create_table(
        "series_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.String(length=100), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("date", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("season", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["series_id"], ["series.id"],
                                name=op.f("fk_series_events_series_id_series"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_series_events")),
        sa.UniqueConstraint("series_id", "seq", name="uq_series_events_seq"),
    )


def downgrade() -> None:
    op.drop_table("series_events")
    with op.batch_alter_table("series", schema=None) as batch_op:
        batch_op.drop_column("sources")
        batch_op.drop_column("about")
    with op.batch_alter_table("seasons", schema=None) as batch_op:
        batch_op.drop_column("published")
