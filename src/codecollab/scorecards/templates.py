"""Rubric templates: made by staff and admins for the whole instance, per problem or as the
organisation's default; and which rubric a room's scorecards start from."""

from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from codecollab.db import utcnow
from codecollab.errors import Conflict, Forbidden, NotFound, Unprocessable
from codecollab.problems.service import problem_exists
from codecollab.scorecards.models import ScorecardTemplate
from codecollab.scorecards.schemas import RubricItem, TemplateCreate, TemplatePublic
from codecollab.users import roles
from codecollab.users.models import User

TEMPLATE_NOT_FOUND = "scorecard template not found"

BUILT_IN_NAME = "Built-in default"
BUILT_IN_ITEMS = (
    RubricItem(title="Problem solving", description="Understands the problem, finds an approach"),
    RubricItem(title="Code quality", description="Readable, correct, well structured code"),
    RubricItem(title="Communication", description="Explains their thinking, takes hints"),
    RubricItem(title="Testing", description="Checks the code against cases and edge cases"),
)


def _check_manager(user: User) -> None:
    if not roles.may_manage_rubrics(user.role):
        raise Forbidden("only staff and admins manage scorecard templates")


def template_public(template: ScorecardTemplate) -> TemplatePublic:
    return TemplatePublic.model_validate(template, from_attributes=True)


async def list_templates(session: AsyncSession, *, user: User) -> list[TemplatePublic]:
    _check_manager(user)
    rows = await session.scalars(
        select(ScorecardTemplate).order_by(ScorecardTemplate.name, ScorecardTemplate.id)
    )
    return [template_public(row) for row in rows]


async def get_template(
    session: AsyncSession, *, template_id: uuid.UUID, user: User
) -> ScorecardTemplate:
    _check_manager(user)
    template = await session.get(ScorecardTemplate, template_id)
    if template is None:
        raise NotFound(TEMPLATE_NOT_FOUND)
    return template


async def create_template(
    session: AsyncSession, *, user: User, data: TemplateCreate
) -> TemplatePublic:
    _check_manager(user)
    template = ScorecardTemplate(created_by=user.id)
    return await _save(session, template, data)


async def update_template(
    session: AsyncSession, *, template_id: uuid.UUID, user: User, data: TemplateCreate
) -> TemplatePublic:
    template = await get_template(session, template_id=template_id, user=user)
    return await _save(session, template, data)


async def delete_template(session: AsyncSession, *, template_id: uuid.UUID, user: User) -> None:
    template = await get_template(session, template_id=template_id, user=user)
    await session.delete(template)
    await session.commit()


async def _save(
    session: AsyncSession, template: ScorecardTemplate, data: TemplateCreate
) -> TemplatePublic:
    if data.problem_id is not None and not await problem_exists(
        session, problem_id=data.problem_id
    ):
        raise Unprocessable("problem not found")
    if data.is_default:  # one organisation default: the new one replaces the old
        await session.execute(
            update(ScorecardTemplate)
            .where(ScorecardTemplate.is_default.is_(True))
            .values(is_default=False)
        )
    template.name = data.name
    template.problem_id = data.problem_id
    template.is_default = data.is_default
    template.items = [item.model_dump() for item in data.items]
    template.updated_at = utcnow()
    session.add(template)
    try:
        await session.commit()
    except IntegrityError as exc:
        await session.rollback()
        raise Conflict("that problem already has a scorecard template") from exc
    await session.refresh(template)
    return template_public(template)


async def rubric_for(
    session: AsyncSession, *, problem_id: uuid.UUID | None
) -> tuple[str, list[RubricItem]]:
    """The rubric a room's new scorecard starts from: its problem's template if any, else the
    organisation's default, else the built-in one."""
    template = None
    if problem_id is not None:
        template = await session.scalar(
            select(ScorecardTemplate).where(ScorecardTemplate.problem_id == problem_id)
        )
    if template is None:
        template = await session.scalar(
            select(ScorecardTemplate).where(ScorecardTemplate.is_default.is_(True)).limit(1)
        )
    if template is None:
        return BUILT_IN_NAME, list(BUILT_IN_ITEMS)
    return template.name, [RubricItem.model_validate(item) for item in template.items]
