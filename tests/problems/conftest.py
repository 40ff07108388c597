"""Problem fixtures: a small problem file, seeded problems, an admin account."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from fastapi import FastAPI

from codecollab.execution.sandbox.base import Sandbox
from codecollab.problems.files import parse_problem
from codecollab.problems.service import upsert_problem
from codecollab.runtime import Runtime
from codecollab.users.roles import InstanceRole
from codecollab.users.service import set_role_by_email
from tests.conftest import Api
from tests.execution.backends import sandbox_fixture


def problem_data(slug: str = "add-two", **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": slug,
        "title": f"Problem {slug}",
        "difficulty": "easy",
        "tags": ["math"],
        "statement": "Read a and b; print a + b.",
        "starter": {"python": "a, b = map(int, input().split())\n"},
        "tests": [
            {"name": "sample", "visible": True, "input": "1 2\n", "output": "3\n"},
            {"name": "secret-big", "input": "40 2\n", "output": "42\n"},
        ],
    }
    data.update(changes)
    return data


async def seed(app: FastAPI, **data: Any) -> str:
    """Store a problem (as `codecollab seed` would) and return its id."""
    runtime: Runtime = app.state.services.runtime
    spec = parse_problem(yaml.safe_dump(problem_data(**data)), source="test")
    async with runtime.sessionmaker() as session:
        problem, _outcome = await upsert_problem(session, spec=spec)
        await session.commit()
        return str(problem.id)


async def set_instance_role(app: FastAPI, account: dict[str, Any], role: InstanceRole) -> None:
    """What `codecollab promote` does, for an account signed up through the API."""
    runtime: Runtime = app.state.services.runtime
    async with runtime.sessionmaker() as session:
        await set_role_by_email(session, email=account["user"]["email"], role=role)


async def make_admin(app: FastAPI, account: dict[str, Any]) -> None:
    await set_instance_role(app, account, InstanceRole.ADMIN)


@pytest.fixture
async def admin(api: Api, app: FastAPI) -> dict[str, Any]:
    account = await api.signup("admin")
    await make_admin(app, account)
    return account


@pytest.fixture(scope="session", params=["bwrap"])
def judge_sandbox(request: pytest.FixtureRequest) -> Iterator[Sandbox]:
    """The real bubblewrap sandbox (the judge is the same on every backend)."""
    yield from sandbox_fixture(request)
