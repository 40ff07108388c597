"""Submissions: which problem a member may submit against, the task for a room's code, and the
judging itself on the server's sandbox. The room flow (`flows/submissions.py`) reads the live
code, logs the submission and shows its result in the room."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, replace

from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.errors import Conflict, Forbidden, Unavailable, Unprocessable
from codecollab.execution.languages import Language, load_languages
from codecollab.execution.sandbox.base import COMPILE_LIMITS, Sandbox, SandboxError
from codecollab.execution.service import NO_BACKEND_RETRY_AFTER_S, ExecutionService
from codecollab.judge.engine import Judgement, JudgeTask, judge
from codecollab.judge.tasks import LanguageCannotAnswer, task_for_problem
from codecollab.problems.models import Problem
from codecollab.problems.service import get_problem
from codecollab.rooms.service import get_member_room
from codecollab.users.models import User

logger = logging.getLogger(__name__)


class JudgeUnavailable(Unavailable):
    """503 with Retry-After: no sandbox here, or it failed."""


@dataclass
class JudgeService:
    """Judging runs in this process on the server's sandbox (the app owns and closes it), in
    the execution pool's slots and under the submitter's run rate limit, like every run."""

    sandbox: Sandbox | None
    execution: ExecutionService
    reason: str = ""

    def check_available(self) -> None:
        """JudgeUnavailable (503, with the reason) when this server cannot judge."""
        if self.sandbox is None:
            raise JudgeUnavailable(
                self.reason or "code execution is unavailable",
                retry_after_s=NO_BACKEND_RETRY_AFTER_S,
            )

    def task(
        self,
        problem: Problem,
        *,
        language_id: str,
        source: str,
        stop_on_first_failure: bool = False,
    ) -> tuple[JudgeTask, Language]:
        """The judging task for `source` in `language_id` (Unprocessable if not available, or
        if it cannot answer an SQL problem):
        every test, or up to the first failure with `stop_on_first_failure`."""
        language = self.language(language_id)
        try:
            task = task_for_problem(problem, language=language, source=source)
        except LanguageCannotAnswer as exc:
            raise Unprocessable(str(exc)) from exc
        return replace(task, stop_on_first_failure=stop_on_first_failure), language

    def language(self, language_id: str) -> Language:
        """The language `language_id` (Unprocessable if this server cannot run it)."""
        language = load_languages().get(language_id)
        if language is None:
            raise Unprocessable(f"language {language_id!r} is not available on this server")
        return language

    async def judge(self, task: JudgeTask) -> Judgement:
        """Judge `task` in a slot of the execution pool (see `engine.judge`)."""
        async with self.execution.sandbox_slot() as sandbox:
            try:
                return await judge(sandbox, task, compile_limits=COMPILE_LIMITS)
            except (SandboxError, OSError) as exc:
                logger.exception("the sandbox failed while judging")
                raise JudgeUnavailable(f"the sandbox failed: {exc}") from exc


async def submission_problem(session: AsyncSession, *, room_id: uuid.UUID, user: User) -> Problem:
    """The room's problem, with its tests, if `user` may submit (members who may write)."""
    problem_id = await _check_submitter(session, room_id=room_id, user=user)
    problem = await get_problem(session, problem_id=problem_id)
    if not problem.tests:
        raise Conflict("the room's problem has no tests to judge against")
    return problem


async def _check_submitter(session: AsyncSession, *, room_id: uuid.UUID, user: User) -> uuid.UUID:
    """The room's problem id; members who may write submit."""
    member_room = await get_member_room(session, room_id=room_id, user=user)
    if not member_room.can_write:
        raise Forbidden("only members who may edit the code can submit it")
    if member_room.room.problem_id is None:
        raise Conflict("this room has no problem to judge against; set one first")
    return member_room.room.problem_id
