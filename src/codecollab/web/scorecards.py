"""HTTP endpoints of scorecards, rubric templates and the interview summary."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status
from fastapi.responses import PlainTextResponse

from codecollab.errors import responses
from codecollab.scorecards import service, summary, templates
from codecollab.scorecards.markdown import summary_markdown
from codecollab.scorecards.schemas import (
    ScorecardPublic,
    ScorecardUpdate,
    TemplateCreate,
    TemplatePublic,
)
from codecollab.web.deps import CurrentUser, ServicesDep, SessionDep

router = APIRouter(tags=["scorecards"])
ROOM_ERRORS = responses(401, 404, 422)
TEMPLATE_ERRORS = responses(401, 403, 404, 422)


@router.get("/rooms/{room_id}/scorecards", responses=ROOM_ERRORS)
async def list_scorecards(
    room_id: uuid.UUID, session: SessionDep, user: CurrentUser
) -> list[ScorecardPublic]:
    """Every saved scorecard of the room (owner and interviewers; anyone else gets 404)."""
    return await service.list_scorecards(session, room_id=room_id, user=user)


@router.get("/rooms/{room_id}/scorecards/me", responses=ROOM_ERRORS)
async def my_scorecard(
    room_id: uuid.UUID, session: SessionDep, user: CurrentUser
) -> ScorecardPublic:
    """The caller's own scorecard; before the first save, a new one (`status: "new"`, `id`
    null) on the room's rubric."""
    return await service.my_scorecard(session, room_id=room_id, user=user)


@router.put("/rooms/{room_id}/scorecards/me", responses=ROOM_ERRORS)
async def save_my_scorecard(
    room_id: uuid.UUID, body: ScorecardUpdate, session: SessionDep, user: CurrentUser
) -> ScorecardPublic:
    """Create or replace the caller's own scorecard (a draft, or submitted)."""
    return await service.save_my_scorecard(session, room_id=room_id, user=user, data=body)


@router.get(
    "/rooms/{room_id}/summary",
    response_model=summary.SummaryPublic,
    responses={
        **ROOM_ERRORS,
        200: {"content": {"text/markdown": {}}, "description": "JSON, or Markdown on request"},
    },
)
async def interview_summary(
    room_id: uuid.UUID,
    session: SessionDep,
    user: CurrentUser,
    services: ServicesDep,
    format: Annotated[Literal["json", "markdown"], Query()] = "json",
) -> summary.SummaryPublic | PlainTextResponse:
    """The interview summary (owner and interviewers; anyone else gets 404); with
    `format=markdown`, the same as a Markdown file to download."""
    result = await summary.interview_summary(
        session, services.timeline.checkpoints, room_id=room_id, user=user
    )
    if format == "json":
        return result
    return PlainTextResponse(
        summary_markdown(result),
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="interview-summary-{room_id}.md"'},
    )


@router.get("/scorecard-templates", responses=responses(401, 403))
async def list_templates(session: SessionDep, user: CurrentUser) -> list[TemplatePublic]:
    """Every rubric template of the instance (staff and admins)."""
    return await templates.list_templates(session, user=user)


@router.post(
    "/scorecard-templates",
    status_code=status.HTTP_201_CREATED,
    responses=responses(401, 403, 409, 422),
)
async def create_template(
    body: TemplateCreate, session: SessionDep, user: CurrentUser
) -> TemplatePublic:
    """A new rubric template (staff and admins); 409 if its problem already has one."""
    return await templates.create_template(session, user=user, data=body)


@router.get("/scorecard-templates/{template_id}", responses=TEMPLATE_ERRORS)
async def get_template(
    template_id: uuid.UUID, session: SessionDep, user: CurrentUser
) -> TemplatePublic:
    template = await templates.get_template(session, template_id=template_id, user=user)
    return templates.template_public(template)


@router.put("/scorecard-templates/{template_id}", responses=responses(401, 403, 404, 409, 422))
async def update_template(
    template_id: uuid.UUID, body: TemplateCreate, session: SessionDep, user: CurrentUser
) -> TemplatePublic:
    """Replace a template; scorecards already started keep their items."""
    return await templates.update_template(session, template_id=template_id, user=user, data=body)


@router.delete(
    "/scorecard-templates/{template_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=TEMPLATE_ERRORS,
)
async def delete_template(
    template_id: uuid.UUID, session: SessionDep, user: CurrentUser
) -> Response:
    await templates.delete_template(session, template_id=template_id, user=user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
