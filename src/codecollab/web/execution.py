from __future__ import annotations

import dataclasses
import uuid

from fastapi import APIRouter

from codecollab.errors import responses
from codecollab.execution.languages import load_languages
from codecollab.execution.schemas import (
    ExecutionCreate,
    ExecutionPublic,
    LanguagePublic,
    RoomRunCreate,
)
from codecollab.web.deps import CurrentUser, ExecutionDep, LiveRoomsDep, RoomUser

router = APIRouter(tags=["execution"])


@router.get("/languages", response_model=list[LanguagePublic])
async def list_languages(execution: ExecutionDep) -> list[LanguagePublic]:
    """The languages this server can run now, with their versions and the compiler options a
    run may choose."""
    definitions = load_languages()
    return [
        LanguagePublic(
            **dataclasses.asdict(info),
            compiler_options=list(definitions[info.id].compiler_options),
        )
        for info in await execution.languages()
        if info.id in definitions
    ]


@router.post(
    "/executions",
    response_model=ExecutionPublic,
    responses=responses(401, 422, 429, 503),
)
async def create_execution(
    data: ExecutionCreate, user: CurrentUser, execution: ExecutionDep
) -> ExecutionPublic:
    """Run a program (`source`, or `files` with the entry point first) once in the sandbox,
    with `args`; compile errors and limits are results, not errors."""
    result = await execution.execute(
        user_id=user.id,
        language=data.language,
        source=data.entry_source(),
        extra_files=data.extra_files(),
        stdin=data.stdin,
        args=data.args,
        compiler_options=data.compiler_options,
        time_limit_ms=data.time_limit_ms,
        memory_limit_mb=data.memory_limit_mb,
        stack_limit_kb=data.stack_limit_kb,
    )
    return ExecutionPublic(**dataclasses.asdict(result))


@router.post(
    "/rooms/{room_id}/runs",
    response_model=ExecutionPublic,
    responses=responses(401, 403, 404, 409, 422, 429, 503),
)
async def run_room_code(
    room_id: uuid.UUID, data: RoomRunCreate, user: RoomUser, live: LiveRoomsDep
) -> ExecutionPublic:
    """Run the room's live code with `stdin`, or without it the room's shared stdin (what the
    room's stdin box shows); everyone in the room sees it start and finish, with the stdin."""
    result = await live.runs.run(room_id=room_id, user=user, stdin=data.stdin)
    return ExecutionPublic(**dataclasses.asdict(result))
