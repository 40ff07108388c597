"""Connecting the judge to the live room: where it reads the code, where it shows results."""

from __future__ import annotations

import time
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.collab.documents import SUBMISSION_MAP
from codecollab.collab.room_io import RoomDocuments
from codecollab.errors import NotFound
from codecollab.judge.service import JudgeService, RoomCode
from codecollab.rooms.models import Room


def connect_judge(
    judge: JudgeService,
    *,
    documents: RoomDocuments,
    sessionmaker: async_sessionmaker[AsyncSession],
) -> None:
    async def read_code(room_id: uuid.UUID) -> RoomCode:
        code, language = await documents.read_code(room_id)
        if language is None:
            async with sessionmaker() as session:
                room = await session.get(Room, room_id)
            if room is None:
                raise NotFound("room not found")
            language = room.language
        return RoomCode(code=code, language=language)

    async def broadcast(room_id: uuid.UUID, message: dict[str, Any]) -> None:
        now = time.time_ns() // 1_000_000
        shown: dict[str, Any] = {"by": message.get("by", "Someone"), "at": now}
        if message["type"] == "submission.started":
            shown["state"] = "running"
        else:
            shown.update(state="finished", result=message["submission"])
        await documents.publish(room_id, SUBMISSION_MAP, shown)

    judge.hooks.read_code = read_code
    judge.hooks.broadcast = broadcast
