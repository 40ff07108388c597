"""What the collaboration engine stores besides the event log: who owns each Yjs client id."""

from __future__ import annotations

import uuid

from sqlalchemy import BigInteger, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from codecollab.db import Base


class DocumentClientId(Base):
    """The user who first wrote items under a Yjs client id in one of a room's documents
    (`user_id` None: the server itself)."""

    __tablename__ = "document_client_ids"

    room_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("rooms.id", ondelete="CASCADE"), primary_key=True
    )
    doc_name: Mapped[str] = mapped_column(String(32), primary_key=True)
    client_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    # No foreign key: the id stays owned even if the account goes (nobody else may write under
    # it), and any identity a connection can have (a guest too) can own one.
    user_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, default=None)
