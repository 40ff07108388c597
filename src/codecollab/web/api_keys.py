"""API keys of the caller's account: create (the key shown once), list, revoke."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from codecollab.auth import api_keys
from codecollab.auth.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyPublic
from codecollab.errors import responses
from codecollab.web.deps import CurrentUser, RuntimeDep, SessionDep

router = APIRouter(prefix="/keys", tags=["api keys"])


@router.post("", status_code=status.HTTP_201_CREATED, responses=responses(401, 403, 409, 422))
async def create_key(
    body: ApiKeyCreate, session: SessionDep, runtime: RuntimeDep, user: CurrentUser
) -> ApiKeyCreated:
    """A new API key for the caller's account; `key` is shown in this answer only."""
    created = await api_keys.create_api_key(
        session, user=user, name=body.name, max_keys=runtime.settings.api_keys_per_account
    )
    key = created.key
    return ApiKeyCreated(
        id=key.id, name=key.name, prefix=key.prefix, created_at=key.created_at, key=created.secret
    )


@router.get("", responses=responses(401, 403))
async def list_keys(session: SessionDep, user: CurrentUser) -> list[ApiKeyPublic]:
    """The caller's keys, oldest first, without their secrets."""
    return [
        ApiKeyPublic(
            id=key.id,
            name=key.name,
            prefix=key.prefix,
            created_at=key.created_at,
            last_used_at=key.last_used_at,
        )
        for key in await api_keys.list_api_keys(session, user=user)
    ]


@router.delete(
    "/{key_id}", status_code=status.HTTP_204_NO_CONTENT, responses=responses(401, 403, 404)
)
async def revoke_key(key_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> Response:
    """Revoke one of the caller's keys: it stops working at once."""
    await api_keys.revoke_api_key(session, user=user, key_id=key_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
