"""The public invite preview: what the invite page shows before anyone joins."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request

from codecollab.errors import responses
from codecollab.rooms import guests
from codecollab.rooms.schemas import InvitePreview
from codecollab.validation import CLEAN
from codecollab.web.client import client_address, too_many
from codecollab.web.deps import RuntimeDep, SessionDep

router = APIRouter(prefix="/invites", tags=["rooms"])

InviteTokenPath = Annotated[str, Path(min_length=1, max_length=2000), CLEAN]


@router.get("/{invite_token}", responses=responses(404, 422, 429))
async def preview_invite(
    invite_token: InviteTokenPath, request: Request, session: SessionDep, runtime: RuntimeDep
) -> InvitePreview:
    """No authentication. A token that is not a real invite of a room that exists is a 404; a
    real one that is expired, revoked or used up is `valid: false` with the `reason`."""
    retry_after = await runtime.invite_preview_limiter.take(address=client_address(request))
    if retry_after is not None:
        raise too_many("too many invite previews from this address", retry_after)
    preview = await guests.preview_invite(session, token=invite_token, secret=runtime.jwt_secret)
    return InvitePreview(
        room_title=preview.room.title,
        role=preview.invite.role,
        invited_by=preview.invited_by,
        expires_at=preview.invite.expires_at,
        valid=preview.reason is None,
        reason=preview.reason,
        accounts_required=preview.accounts_required,
    )
