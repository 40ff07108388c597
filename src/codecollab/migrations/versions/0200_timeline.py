"""timeline: replay checkpoints

Revision ID: 0200_timeline
Revises: 0100_problems
Create Date: 2026-11-27 22:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

revision: str = "0200_timeline"
down_revision: str | None = "0100_problems"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "timeline_checkpoints",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.INTEGER(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("room_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("ts_ms", sa.BigInteger(), nullable=False),
        sa.Column(
            "document", sa.LargeBinary().with_variant(mysql.LONGBLOB(), "mysql"), nullable=False
        ),
        sa.Column("state", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["rooms.id"],
            name=op.f("fk_timeline_checkpoints_room_id_rooms"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_timeline_checkpoints")),
        sa.UniqueConstraint("room_id", "seq", name=op.f("uq_timeline_checkpoints_room_id")),
    )
    with op.batch_alter_table("timeline_checkpoints", schema=None) as batch_op:
        batch_op.create_index("ix_timeline_checkpoints_room_ts", ["room_id", "ts_ms"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("timeline_checkpoints", schema=None) as batch_op:
        batch_op.drop_index("ix_timeline_checkpoints_room_ts")
    op.drop_table("timeline_checkpoints")
