"""problem authoring and password reset: a problem's reference solution, reset links

Revision ID: 0800_authoring_reset
Revises: 0700_scorecards
Create Date: 2026-12-07 05:10:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import mysql

import codecollab.db

revision: str = "0800_authoring_reset"
down_revision: str | None = "0700_scorecards"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("problems", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reference_language", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column(
                "reference_solution",
                sa.Text().with_variant(mysql.LONGTEXT(), "mysql"),
                nullable=True,
            )
        )
    op.create_table(
        "password_reset_tokens",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", codecollab.db.UTCDateTime(), nullable=False),
        sa.Column("expires_at", codecollab.db.UTCDateTime(), nullable=False),
        sa.Column("used_at", codecollab.db.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_password_reset_tokens_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_password_reset_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_password_reset_tokens_token_hash")),
    )
    with op.batch_alter_table("password_reset_tokens", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_password_reset_tokens_user_id"), ["user_id"], unique=False
        )


def downgrade() -> None:
    # Dropping the table drops its index (MySQL refuses to drop an index a foreign key needs).
    op.drop_table("password_reset_tokens")
    with op.batch_alter_table("problems", schema=None) as batch_op:
        batch_op.drop_column("reference_solution")
        batch_op.drop_column("reference_language")
