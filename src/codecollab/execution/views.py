from __future__ import annotations

import dataclasses
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials

from codecollab.deps import RuntimeDep, bearer, get_current_user
from codecollab.errors import responses
from codecollab.execution.schemas import ExecutionCreate, ExecutionPublic, LanguagePublic
from codecollab.execution.service import ExecutionService, RateLimited
from codecollab.users.models import User

router = APIRouter(tags=["execution"])


def get_execution(request: Request) -> ExecutionService:
    service: ExecutionService = request.app.state.execution
    return service


ExecutionDep = Annotated[ExecutionService, Depends(get_execution)]


async def get_runner(
    runtime: RuntimeDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> User:
    """The current user, with the database session closed before the run starts: a run lasts
    seconds, and on SQLite an open transaction would hold every other request back."""
    async with runtime.sessionmaker() as session:
        return await get_current_user(session, runtime, credentials)


Runner = Annotated[User, Depends(get_runner)]


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
    data: ExecutionCreate, user: Runner, execution: ExecutionDep
) -> ExecutionPublic:
    """Run `source` once in the sandbox; compile errors and limits are results, not errors."""
    try:
        result = await execution.execute(
            user_id=user.id,
            language=data.language,
            source=data.source,
            stdin=data.stdin,
            time_limit_ms=data.time_limit_ms,
            memory_limit_mb=data.memory_limit_mb,
        )
    except RateLimited as exc:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            detail=exc.detail,
            headers={"Retry-After": str(exc.retry_after)},
        ) from exc
    return ExecutionPublic(**dataclasses.asdict(result))
