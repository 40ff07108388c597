"""instance roles: users.role (member, staff, admin) replaces users.is_admin

Revision ID: 0300_instance_roles
Revises: 0200_timeline
Create Date: 2026-12-06 22:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0300_instance_roles"
down_revision: str | None = "0200_timeline"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

users = sa.table("users", sa.column("role", sa.String(16)), sa.column("is_admin", sa.Boolean()))


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("role", sa.String(length=16), server_default="member", nullable=False)
        )
    op.execute(users.update().where(users.c.is_admin == sa.true()).values(role="admin"))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("is_admin")


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_admin", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    # Staff did not exist before: staff become members again.
    op.execute(users.update().where(users.c.role == "admin").values(is_admin=True))
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("role")
