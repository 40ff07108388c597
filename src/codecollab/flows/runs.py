"""Running a room's live code: one run at a time per room, shown to everyone, logged."""

from __future__ import annotations

import dataclasses
import time
import uuid

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.errors import Forbidden, Unprocessable
from codecollab.events import types as event_types
from codecollab.execution.sandbox.base import ExecutionResult
from codecollab.execution.schemas import MAX_STDIN_CHARS
from codecollab.execution.service import ExecutionService
from codecollab.flows.room_action import RoomAction
from codecollab.flows.room_documents import LiveRoom
from codecollab.rooms.service import get_member_room
from codecollab.users.models import User


def _now_ms() -> int:
    return time.time_ns() // 1_000_000


class RoomRuns:
    def __init__(
        self,
        *,
        execution: ExecutionService,
        documents: LiveRoom,
        action: RoomAction,
        sessionmaker: async_sessionmaker[AsyncSession],
    ) -> None:
        self._execution = execution
        self._documents = documents
        self._action = action
        self._sessionmaker = sessionmaker

    async def run(
        self, *, room_id: uuid.UUID, user: User, stdin: str | None = None
    ) -> ExecutionResult:
        """Run the code the room has now with `stdin`, or the room's shared stdin when None;
        Conflict while another run of the room is going."""
        async with self._sessionmaker() as session:
            member_room = await get_member_room(session, room_id=room_id, user=user)
            room_language = member_room.room.language
        if not member_room.can_write:
            raise Forbidden("only members who may edit the code can run it")
        async with self._action.exclusive(room_id):
            return await self._run(room_id, user, stdin, room_language)

    async def _run(
        self, room_id: uuid.UUID, user: User, stdin: str | None, room_language: str
    ) -> ExecutionResult:
        code, language = await self._documents.read_code(room_id)
        language = language or room_language
        if stdin is None:
            stdin = await self._shared_stdin(room_id)
        run_id = str(uuid.uuid4())
        started_at = _now_ms()
        shown = {
            "state": "running",
            "by": user.display_name,
            "started_at": started_at,
            "stdin": stdin,
        }
        await self._action.show(room_id, shown)
        self._action.log(
            room_id,
            user.id,
            event_types.RUN_STARTED,
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
            await self._action.show(room_id, {})
            failed = {"run_id": run_id, "reason": str(exc)}
            await self._action.record(room_id, user.id, event_types.RUN_FAILED, failed)
            raise
        result_json = dataclasses.asdict(result)
        finished = {"run_id": run_id, "result": result_json}
        await self._action.record(room_id, user.id, event_types.RUN_FINISHED, finished)
        await self._action.show(
            room_id,
            {**shown, "state": "finished", "finished_at": _now_ms(), "result": result_json},
        )
        return result

    async def _shared_stdin(self, room_id: uuid.UUID) -> str:
        stdin = await self._documents.read_stdin(room_id)
        if len(stdin) > MAX_STDIN_CHARS:
            raise Unprocessable(f"the room's stdin is over {MAX_STDIN_CHARS} characters")
        return stdin
