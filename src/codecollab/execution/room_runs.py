"""Running a room's live code: one run at a time per room, shown to everyone, logged."""

from __future__ import annotations

import dataclasses
import time
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.collab.documents import RUN_MAP
from codecollab.collab.room_io import RoomDocuments
from codecollab.errors import Conflict, Forbidden
from codecollab.events.service import NewEvent, append_events
from codecollab.execution.sandbox.base import ExecutionResult
from codecollab.execution.service import ExecutionService
from codecollab.rooms.service import get_member_room
from codecollab.users.models import User


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


class RoomRuns:
    def __init__(
        self,
        *,
        execution: ExecutionService,
        documents: RoomDocuments,
        sessionmaker: async_sessionmaker[AsyncSession],
    ) -> None:
        self._execution = execution
        self._documents = documents
        self._sessionmaker = sessionmaker
        self._running: set[uuid.UUID] = set()

    async def run(self, *, room_id: uuid.UUID, user: User, stdin: str) -> ExecutionResult:
        """Run the code the room has now; Conflict while another run of the room is going."""
        async with self._sessionmaker() as session:
            member_room = await get_member_room(session, room_id=room_id, user=user)
            room_language = member_room.room.language
        if not member_room.can_write:
            raise Forbidden("only members who may edit the code can run it")
        if room_id in self._running:
            raise Conflict("the room's code is already running; wait for the result")
        self._running.add(room_id)
        try:
            return await self._run(room_id, user, stdin, room_language)
        finally:
            self._running.discard(room_id)

    async def _run(
        self, room_id: uuid.UUID, user: User, stdin: str, room_language: str
    ) -> ExecutionResult:
        code, language = await self._documents.read_code(room_id)
        language = language or room_language
        run_id = str(uuid.uuid4())
        started_at = _now_ms()
        shown = {"state": "running", "by": user.display_name, "started_at": started_at}
        await self._documents.publish(room_id, RUN_MAP, shown)
        await self._log(
            room_id,
            user,
            "run.started",
            {"run_id": run_id, "language": language, "stdin": stdin, "code_length": len(code)},
        )
        try:
            result = await self._execution.execute(
                user_id=user.id,
                language=language,
                source=code,
                stdin=stdin,
                time_limit_ms=None,
                memory_limit_mb=None,
            )
        except Exception as exc:
            await self._documents.publish(room_id, RUN_MAP, {})
            await self._log(room_id, user, "run.failed", {"run_id": run_id, "reason": str(exc)})
            raise
        result_json = dataclasses.asdict(result)
        await self._log(room_id, user, "run.finished", {"run_id": run_id, "result": result_json})
        await self._documents.publish(
            room_id,
            RUN_MAP,
            {**shown, "state": "finished", "finished_at": _now_ms(), "result": result_json},
        )
        return result

    async def _log(
        self, room_id: uuid.UUID, user: User, event_type: str, payload: dict[str, Any]
    ) -> None:
        async with self._sessionmaker() as session:
            await append_events(
                session,
                room_id=room_id,
                events=[NewEvent(type=event_type, actor_id=user.id, payload=payload)],
            )
            await session.commit()
