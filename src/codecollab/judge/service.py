"""Submissions: judge a room's live code against the room's problem, log and announce it.

The live code comes from the collaboration layer through ``SubmissionHooks.read_code`` and
results go back to the room through ``SubmissionHooks.broadcast``; both are set when the server
wires the collaboration layer in (until then submissions answer 503 with the reason).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from codecollab.errors import Conflict, DomainError, Forbidden, Unprocessable
from codecollab.events.service import NewEvent, append_events
from codecollab.execution.languages import load_languages
from codecollab.execution.sandbox.base import COMPILE_LIMITS, Sandbox, SandboxError
from codecollab.execution.service import ExecutionService
from codecollab.judge.engine import Judgement, JudgeTask, judge
from codecollab.judge.schemas import SubmissionResult, submission_result
from codecollab.judge.tasks import task_for_problem
from codecollab.problems.service import get_problem
from codecollab.rooms.service import get_member_room
from codecollab.users import roles
from codecollab.users.models import User

logger = logging.getLogger(__name__)


class RoomCode(NamedTuple):
    code: str
    language: str


RoomCodeReader = Callable[[uuid.UUID], Awaitable[RoomCode]]
"""The room's current code and language, read from its live document."""
RoomBroadcaster = Callable[[uuid.UUID, dict[str, Any]], Awaitable[None]]
"""Sends a JSON message to everyone connected to the room."""


class JudgeUnavailable(DomainError):
    status_code = 503


@dataclass
class SubmissionHooks:
    read_code: RoomCodeReader | None = None
    broadcast: RoomBroadcaster | None = None


@dataclass
class JudgeService:
    """Judging runs in this process on the server's sandbox (the app owns and closes it), in
    the execution pool's slots and under the submitter's run rate limit, like every run."""

    sandbox: Sandbox | None
    execution: ExecutionService
    reason: str = ""
    hooks: SubmissionHooks = field(default_factory=SubmissionHooks)
    _judging: set[uuid.UUID] = field(default_factory=set)

    async def submit(
        self, sessionmaker: async_sessionmaker[AsyncSession], *, room_id: uuid.UUID, user: User
    ) -> SubmissionResult:
        """Judge the room's live code; one submission at a time per room (else Conflict)."""
        async with sessionmaker() as session:
            problem_id = await _check_submitter(session, room_id=room_id, user=user)
            problem = await get_problem(session, problem_id=problem_id)
        if not problem.tests:
            raise Conflict("the room's problem has no tests to judge against")
        read_code = self._ready()
        if room_id in self._judging:
            raise Conflict("a submission is already being judged in this room")
        self._judging.add(room_id)
        try:
            code = await read_code(room_id)
            language = load_languages().get(code.language)
            if language is None:
                raise Unprocessable(f"language {code.language!r} is not available on this server")
            submission_id = uuid.uuid4()
            task = task_for_problem(problem, language=language, source=code.code)
            await self._log(
                sessionmaker,
                room_id,
                user,
                "submission.started",
                {
                    "submission_id": str(submission_id),
                    "problem_id": str(problem.id),
                    "language": language.id,
                },
            )
            await self._announce(
                room_id,
                {
                    "type": "submission.started",
                    "submission_id": str(submission_id),
                    "user_id": str(user.id),
                    "by": user.display_name,
                },
            )
            await self.execution.charge(user.id)
            judgement = await self._judge(task)
        finally:
            self._judging.discard(room_id)

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
        await self._log(sessionmaker, room_id, user, "submission.finished", shared)
        await self._announce(
            room_id,
            {"type": "submission.finished", "submission": shared, "by": user.display_name},
        )
        return result(reveal_hidden=roles.may_see_hidden_tests(user.role))

    def _ready(self) -> RoomCodeReader:
        if self.sandbox is None:
            raise JudgeUnavailable(self.reason or "code execution is unavailable")
        if self.hooks.read_code is None:
            raise JudgeUnavailable("the room's live code cannot be read on this server yet")
        return self.hooks.read_code

    async def _judge(self, task: JudgeTask) -> Judgement:
        async with self.execution.sandbox_slot() as sandbox:
            try:
                return await judge(sandbox, task, compile_limits=COMPILE_LIMITS)
            except (SandboxError, OSError) as exc:
                logger.exception("the sandbox failed while judging")
                raise JudgeUnavailable(f"the sandbox failed: {exc}") from exc

    async def _log(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        room_id: uuid.UUID,
        user: User,
        event_type: str,
        payload: dict[str, Any],
    ) -> None:
        async with sessionmaker() as session:
            await append_events(
                session,
                room_id=room_id,
                events=[NewEvent(type=event_type, actor_id=user.id, payload=payload)],
            )
            await session.commit()

    async def _announce(self, room_id: uuid.UUID, message: dict[str, Any]) -> None:
        if self.hooks.broadcast is None:
            return
        try:
            await self.hooks.broadcast(room_id, message)
        except Exception:  # the result is logged and returned; a failed broadcast loses nothing
            logger.warning("could not broadcast a submission to room %s", room_id, exc_info=True)


async def _check_submitter(session: AsyncSession, *, room_id: uuid.UUID, user: User) -> uuid.UUID:
    """The room's problem id; members who may write submit."""
    member_room = await get_member_room(session, room_id=room_id, user=user)
    if not member_room.can_write:
        raise Forbidden("only members who may edit the code can submit it")
    if member_room.room.problem_id is None:
        raise Conflict("this room has no problem to judge against; set one first")
    return member_room.room.problem_id
