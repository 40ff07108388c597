from __future__ import annotations

import dataclasses
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request

from codecollab.deps import CurrentUser
from codecollab.errors import responses
from codecollab.execution.room_runs import RoomRuns
from codecollab.execution.schemas import (
    ExecutionCreate,
    ExecutionPublic,
    LanguagePublic,
    RoomRunCreate,
)
from codecollab.execution.service import ExecutionService

router = APIRouter(tags=["execution"])


def get_execution(request: Request) -> ExecutionService:
    service: ExecutionService = request.app.state.execution
    return service


ExecutionDep = Annotated[ExecutionService, Depends(get_execution)]


@router.get("/languages", response_model=list[LanguagePublic])
async def list_languages(execution: ExecutionDep) -> list[LanguagePublic]:
    """The languages this server can run now, with their versions."""
    return [LanguagePublic(**dataclasses.asdict(info)) for info in await execution.languages()]


@router.post(
    "/executions",
    response_model=ExecutionPublic,
    responses=responses(401, 422, 429, 503),
)
async def create_execution(
    data: ExecutionCreate, user: CurrentUser, execution: ExecutionDep
) -> ExecutionPublic:
    """Run `source` once in the sandbox; compile errors and limits are results, not errors."""
    result = await execution.execute(
        user_id=user.id,
        language=data.language,
        source=data.source,
        stdin=data.stdin,
        time_limit_ms=data.time_limit_ms,
        memory_limit_mb=data.memory_limit_mb,
    )
    return ExecutionPublic(**dataclasses.asdict(result))


def get_room_runs(request: Request) -> RoomRuns:
    runs: RoomRuns = request.app.state.room_runs
    return runs


RoomRunsDep = Annotated[RoomRuns, Depends(get_room_runs)]


@router.post(
    "/rooms/{room_id}/runs",
    response_model=ExecutionPublic,
    responses=responses(401, 403, 404, 409, 422, 429, 503),
)
async def run_room_code(
    room_id: uuid.UUID, data: RoomRunCreate, user: CurrentUser, runs: RoomRunsDep
) -> ExecutionPublic:
    """Run the room's live code with `stdin`; everyone in the room sees it start and finish."""
    result = await runs.run(room_id=room_id, user=user, stdin=data.stdin)
    return ExecutionPublic(**dataclasses.asdict(result))
