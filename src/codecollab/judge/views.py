from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from codecollab.deps import CurrentUser, RuntimeDep
from codecollab.errors import responses
from codecollab.judge.schemas import SubmissionResult
from codecollab.judge.service import JudgeService

router = APIRouter(prefix="/rooms", tags=["judge"])


def get_judge(request: Request) -> JudgeService:
    service: JudgeService = request.app.state.judge
    return service


JudgeDep = Annotated[JudgeService, Depends(get_judge)]


@router.post("/{room_id}/submissions", responses=responses(401, 403, 404, 409, 422, 429, 503))
async def create_submission(
    room_id: uuid.UUID, runtime: RuntimeDep, user: CurrentUser, judge: JudgeDep
) -> SubmissionResult:
    """Judge the room's current code, in the room's language, against the room's problem.

    Every test runs in the sandbox with the problem's limits; the first failing test's verdict
    is the overall verdict. Hidden tests show only their verdict, time and memory, except to
    staff and admins (instance roles). The result is logged (`submission.started`/`.finished`) and
    shown to everyone in the room. 409 when the room has no problem or is already judging."""
    return await judge.submit(runtime.sessionmaker, room_id=room_id, user=user)
