from __future__ import annotations

import uuid

from fastapi import APIRouter

from codecollab.errors import responses
from codecollab.judge.schemas import SubmissionCreate, SubmissionResult
from codecollab.web.deps import LiveRoomsDep, RoomUser

router = APIRouter(prefix="/rooms", tags=["judge"])


@router.post("/{room_id}/submissions", responses=responses(401, 403, 404, 409, 422, 429, 503))
async def create_submission(
    room_id: uuid.UUID,
    user: RoomUser,
    live: LiveRoomsDep,
    body: SubmissionCreate | None = None,
) -> SubmissionResult:
    """Judge the room's current code, in the room's language, against the room's problem.

    Every test runs in the sandbox with the problem's limits (with `{stop_on_first_failure:
    true}`, only up to the first failing one; the rest are `skipped`); the first failing test's
    verdict is the overall verdict. Hidden tests show only their verdict, time and memory, except to
    staff and admins (instance roles). The result is logged (`submission.started`/`.finished`) and
    shown to everyone in the room. 409 when the room has no problem or is already judging."""
    stop = body is not None and body.stop_on_first_failure
    return await live.submissions.submit(room_id=room_id, user=user, stop_on_first_failure=stop)
