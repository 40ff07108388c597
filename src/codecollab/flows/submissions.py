"""Submitting a room's live code: one submission at a time per room, judged against the room's
problem, logged and shown to everyone (hidden tests' data only to staff and admins)."""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.errors import NotFound
from codecollab.events import types as event_types
from codecollab.flows.room_action import RoomAction
from codecollab.flows.room_documents import LiveRoom
from codecollab.judge.schemas import SubmissionResult, submission_result
from codecollab.judge.service import JudgeService, submission_problem
from codecollab.rooms.models import Room
from codecollab.users import roles
from codecollab.users.models import User

logger = logging.getLogger(__name__)


class RoomSubmissions:
    def __init__(
        self,
        *,
        judge: JudgeService,
        documents: LiveRoom,
        action: RoomAction,
        sessionmaker: async_sessionmaker[AsyncSession],
    ) -> None:
        self._judge = judge
        self._documents = documents
        self._action = action
        self._sessionmaker = sessionmaker

    async def submit(
        self, *, room_id: uuid.UUID, user: User, stop_on_first_failure: bool = False
    ) -> SubmissionResult:
        """Judge the room's live code against every test (or up to the first failure); one
        submission at a time per room (else Conflict)."""
        async with self._sessionmaker() as session:
            problem = await submission_problem(session, room_id=room_id, user=user)
        self._judge.check_available()
        async with self._action.exclusive(room_id):
            source, language_id = await self._read_code(room_id)
            task, language = self._judge.task(
                problem,
                language_id=language_id,
                source=source,
                stop_on_first_failure=stop_on_first_failure,
            )
            submission_id = uuid.uuid4()
            started = {
                "submission_id": str(submission_id),
                "problem_id": str(problem.id),
                "language": language.id,
            }
            self._action.log(room_id, user.id, event_types.SUBMISSION_STARTED, started)
            await self._show(
                room_id, {"by": user.display_name, "at": _now_ms(), "state": "running"}
            )
            await self._judge.execution.charge(user.id)
            judgement = await self._judge.judge(task)

        def result(reveal_hidden: bool) -> SubmissionResult:
            return submission_result(
                submission_id=submission_id,
                problem_id=problem.id,
                language=language.id,
                judgement=judgement,
                tests=task.tests,
                reveal_hidden=reveal_hidden,
            )

        # What the room sees and the log keeps: never hidden tests' data, whoever submitted.
        shared = result(reveal_hidden=False).model_dump(mode="json")
        await self._action.record(room_id, user.id, event_types.SUBMISSION_FINISHED, shared)
        shown = {"by": user.display_name, "at": _now_ms(), "state": "finished", "result": shared}
        await self._show(room_id, shown)
        return result(reveal_hidden=roles.may_see_hidden_tests(user.role))

    async def _read_code(self, room_id: uuid.UUID) -> tuple[str, str]:
        """The room's live code, and its language (the room's own when `meta` names none)."""
        code, language = await self._documents.read_code(room_id)
        if language is None:
            async with self._sessionmaker() as session:
                room = await session.get(Room, room_id)
            if room is None:
                raise NotFound("room not found")
            language = room.language
        return code, language

    async def _show(self, room_id: uuid.UUID, values: dict[str, Any]) -> None:
        try:
            await self._action.show(room_id, values)
        except Exception:  # the result is logged and returned; a failed show loses nothing
            logger.warning("could not show a submission in room %s", room_id, exc_info=True)


def _now_ms() -> int:
    return time.time_ns() // 1_000_000
