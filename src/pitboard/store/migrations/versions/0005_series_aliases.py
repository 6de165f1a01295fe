"""a season keeps the series' aliases its file gives: one person under every name

Revision ID: 0005
Revises: 0004
Seasons stored before have none, which is what their season files said.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("seasons", schema=None) as batch_op:
        batch_op.add_column(sa.Column("series_aliases", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("seasons", schema=None) as batch_op:
        batch_op.drop_column("series_aliases")
