"""a timed race keeps what it is classified from: class map, penalties, every car field

Revision ID: 0002
Revises: 0001
Seasons keep their class map, timing sessions the penalties they are classified with, and timed
cars their whole record (the source's own gaps and penalties). Rows stored before are left null:
a season without a class map reads its sessions as they are, which is how those were stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("seasons", schema=None) as batch_op:
        batch_op.add_column(sa.Column("class_map", sa.JSON(), nullable=True))
    with op.batch_alter_table("timing_sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("penalties", sa.JSON(), nullable=True))
    with op.batch_alter_table("timed_cars", schema=None) as batch_op:
        batch_op.add_column(sa.Column("record", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("timed_cars", schema=None) as batch_op:
        batch_op.drop_column("record")
    with op.batch_alter_table("timing_sessions", schema=None) as batch_op:
        batch_op.drop_column("penalties")
    with op.batch_alter_table("seasons", schema=None) as batch_op:
        batch_op.drop_column("class_map")
