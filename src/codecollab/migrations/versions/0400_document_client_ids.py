"""document client ids: who owns each Yjs client id of a room's documents

Revision ID: 0400_document_client_ids
Revises: 0300_instance_roles
Create Date: 2026-12-06 22:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0400_document_client_ids"
down_revision: str | None = "0300_instance_roles"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "document_client_ids",
        sa.Column("room_id", sa.Uuid(), nullable=False),
        sa.Column("doc_name", sa.String(length=32), nullable=False),
        sa.Column("client_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["room_id"],
            ["rooms.id"],
            name=op.f("fk_document_client_ids_room_id_rooms"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "room_id", "doc_name", "client_id", name=op.f("pk_document_client_ids")
        ),
    )


def downgrade() -> None:
    op.drop_table("document_client_ids")
