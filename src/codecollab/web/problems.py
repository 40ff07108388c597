from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Response, status

from codecollab.errors import NotFound, Unprocessable, responses
from codecollab.flows.problem_authoring import ReferenceRejected, ReferenceRejection, save_problem
from codecollab.problems import service
from codecollab.problems.authoring import ProblemDraft, ProblemForEditing, problem_for_editing
from codecollab.problems.files import ProblemFileError, parse_problem
from codecollab.problems.models import Problem
from codecollab.problems.schemas import (
    ProblemImported,
    ProblemPublic,
    ProblemSummary,
    ProblemTestFull,
    SampleTest,
)
from codecollab.rooms.guests import guest_may_read_problem
from codecollab.users.models import User
from codecollab.validation import CLEAN
from codecollab.web.deps import (
    AdminUser,
    AnyUser,
    CurrentUser,
    ProblemAuthor,
    ServicesDep,
    SessionDep,
)
from codecollab.web.services import Services

router = APIRouter(prefix="/problems", tags=["problems"])

YAML_MEDIA_TYPE = "application/yaml"
UPLOAD_NAME = "uploaded file"
AUTHORING_ERRORS = {
    **responses(401, 403, 404, 409, 413, 429, 503),
    422: {
        "description": "Invalid input, or the reference solution failed a test (`detail` is then "
        "a ReferenceRejection)",
        "model": ReferenceRejection,
    },
}
IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {YAML_MEDIA_TYPE: {"schema": {"type": "string"}}},
        "description": "A problem file (YAML, every test inline); see docs/problems.md",
    }
}


def problem_summary(problem: Problem) -> ProblemSummary:
    return ProblemSummary(
        id=problem.id,
        slug=problem.slug,
        title=problem.title,
        difficulty=problem.difficulty,
        tags=list(problem.tags),
        time_limit_ms=problem.time_limit_ms,
        memory_limit_mb=problem.memory_limit_mb,
        starter_languages=sorted(problem.starter_code),
    )


def problem_public(problem: Problem) -> ProblemPublic:
    """Hidden tests are counted, never shown: this is the only shape anyone but staff gets."""
    samples = [
        SampleTest(position=test.position, name=test.name, input=test.input, output=test.output)
        for test in problem.tests
        if test.visible
    ]
    return ProblemPublic(
        **problem_summary(problem).model_dump(),
        statement=problem.statement,
        comparison=problem.comparison,
        float_tolerance=problem.float_tolerance,
        starter_code=dict(problem.starter_code),
        samples=samples,
        test_count=len(problem.tests),
        hidden_test_count=len(problem.tests) - len(samples),
        created_at=problem.created_at,
        updated_at=problem.updated_at,
    )


@router.get("", responses=responses(401, 422))
async def list_problems(
    session: SessionDep,
    _user: CurrentUser,
    difficulty: Literal["easy", "medium", "hard"] | None = None,
    tag: Annotated[Annotated[str, CLEAN] | None, Query(max_length=40)] = None,
    text: Annotated[Annotated[str, CLEAN] | None, Query(max_length=200)] = None,
) -> list[ProblemSummary]:
    problems = await service.list_problems(session, difficulty=difficulty, tag=tag, text=text)
    return [problem_summary(problem) for problem in problems]


@router.post("/import", responses=responses(401, 403, 413, 422), openapi_extra=IMPORT_BODY)
async def import_problem(
    request: Request, response: Response, session: SessionDep, user: AdminUser
) -> ProblemImported:
    """Create or update a problem from its file (admins only); 201 when it is new. The body is
    read only after the caller is known to be an admin."""
    body = await request.body()
    try:
        spec = parse_problem(body.decode("utf-8"), source=UPLOAD_NAME)
        problem, outcome = await service.import_problem(session, spec=spec, actor=user)
    except UnicodeDecodeError as exc:
        raise Unprocessable(f"{UPLOAD_NAME}: not UTF-8 text") from exc
    except ProblemFileError as exc:
        raise Unprocessable(str(exc)) from exc
    if outcome is service.UpsertOutcome.CREATED:
        response.status_code = 201
    return ProblemImported(outcome=outcome, problem=problem_public(problem))


@router.get("/{problem_id}", responses=responses(401, 404))
async def get_problem(problem_id: uuid.UUID, session: SessionDep, user: AnyUser) -> ProblemPublic:
    """A problem without its hidden tests; a guest reads only their room's problem."""
    if user.is_guest and not await guest_may_read_problem(
        session, guest=user, problem_id=problem_id
    ):
        raise NotFound(service.PROBLEM_NOT_FOUND)
    return problem_public(await service.get_problem(session, problem_id=problem_id))


@router.get("/{problem_id}/tests", responses=responses(401, 403, 404))
async def get_problem_tests(
    problem_id: uuid.UUID, session: SessionDep, user: CurrentUser
) -> list[ProblemTestFull]:
    """Every test with its data, hidden ones included: staff and admins only."""
    problem = await service.get_problem_with_hidden_tests(
        session, problem_id=problem_id, actor=user
    )
    return [
        ProblemTestFull(
            position=test.position,
            name=test.name,
            visible=test.visible,
            input=test.input,
            output=test.output,
            comparison=comparison.mode,
            float_tolerance=comparison.float_tolerance,
        )
        for test in problem.tests
        for comparison in [service.comparison_of(problem, test)]
    ]


@router.get(
    "/{problem_id}/export",
    responses={**responses(401, 403, 404), 200: {"content": {YAML_MEDIA_TYPE: {}}}},
    response_class=Response,
)
async def export_problem(problem_id: uuid.UUID, session: SessionDep, user: AdminUser) -> Response:
    """The problem file, hidden tests included (admins only)."""
    text = await service.export_problem(session, problem_id=problem_id, actor=user)
    return Response(text, media_type=YAML_MEDIA_TYPE)


@router.post("", status_code=status.HTTP_201_CREATED, responses=AUTHORING_ERRORS)
async def create_problem(
    draft: ProblemDraft, services: ServicesDep, user: ProblemAuthor
) -> ProblemForEditing:
    """A new problem (staff and admins). Its reference solution is judged first against every
    test; if any fails the problem is not saved: 422 with `detail` naming each failed test."""
    return await _save(draft, services, user, problem_id=None)


@router.put("/{problem_id}", responses=AUTHORING_ERRORS)
async def update_problem(
    problem_id: uuid.UUID, draft: ProblemDraft, services: ServicesDep, user: ProblemAuthor
) -> ProblemForEditing:
    """Replace a problem's content and tests in place (staff and admins); its slug stays. The
    reference solution is judged first, as for a new problem."""
    return await _save(draft, services, user, problem_id=problem_id)


@router.get("/{problem_id}/edit", responses=responses(401, 403, 404))
async def get_problem_for_editing(
    problem_id: uuid.UUID, session: SessionDep, user: ProblemAuthor
) -> ProblemForEditing:
    """The whole problem, hidden tests and reference solution included: staff and admins."""
    return await problem_for_editing(session, problem_id=problem_id, actor=user)


async def _save(
    draft: ProblemDraft, services: Services, user: User, *, problem_id: uuid.UUID | None
) -> ProblemForEditing:
    """Save through the authoring flow; a refused reference solution is a 422 whose `detail`
    is the structured ReferenceRejection (the page lists the failed tests from it)."""
    try:
        return await save_problem(
            services.judge,
            services.runtime.sessionmaker,
            draft=draft,
            actor=user,
            problem_id=problem_id,
        )
    except ReferenceRejected as exc:
        raise HTTPException(422, detail=exc.rejection.model_dump(mode="json")) from exc
