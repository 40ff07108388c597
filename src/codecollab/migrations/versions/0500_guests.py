"""guests: users.kind and users.guest_room_id (e-mail and password optional), rooms.accounts_required

Revision ID: 0500_guests
Revises: 0400_document_client_ids
Create Date: 2026-12-07 05:20:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0500_guests"
down_revision: str | None = "0400_document_client_ids"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

users = sa.table("users", sa.column("kind", sa.String(16)))


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=16), server_default="account", nullable=False)
        )
        batch_op.add_column(sa.Column("guest_room_id", sa.Uuid(), nullable=True))
        batch_op.alter_column("email", existing_type=sa.String(length=320), nullable=True)
        batch_op.alter_column("password_hash", existing_type=sa.String(length=255), nullable=True)
        batch_op.create_index(batch_op.f("ix_users_guest_room_id"), ["guest_room_id"], unique=False)
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("accounts_required", sa.Boolean(), server_default=sa.false(), nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("rooms", schema=None) as batch_op:
        batch_op.drop_column("accounts_required")
    # Guests have no e-mail or password: they cannot exist in the older schema.
    op.execute(users.delete().where(users.c.kind == "guest"))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_guest_room_id"))
        batch_op.alter_column("password_hash", existing_type=sa.String(length=255), nullable=False)
        batch_op.alter_column("email", existing_type=sa.String(length=320), nullable=False)
        batch_op.drop_column("guest_room_id")
        batch_op.drop_column("kind")
