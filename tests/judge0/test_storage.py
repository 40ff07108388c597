"""Stored Judge0 submissions on SQLite, PostgreSQL and MariaDB: kept for the retention period,
and one whose server process died is ended by the sweep."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select

from codecollab.db import utcnow
from codecollab.judge0.models import Judge0Submission
from codecollab.judge0.statuses import Judge0Status
from codecollab.users.models import User
from codecollab.web.services import services_of
from tests.conftest import Api

DAY = timedelta(days=1)


async def store(app: FastAPI, user_id: str, *, age: timedelta, status: Judge0Status) -> str:
    token = str(uuid.uuid4())
    async with services_of(app).runtime.sessionmaker() as session:
        session.add(
            Judge0Submission(
                token=token,
                user_id=uuid.UUID(user_id),
                request={"language_id": 71, "source_code": "print(1)"},
                status_id=status.value,
                created_at=utcnow() - age,
            )
        )
        await session.commit()
    return token


async def stored(app: FastAPI) -> dict[str, Any]:
    async with services_of(app).runtime.sessionmaker() as session:
        rows = await session.scalars(select(Judge0Submission))
        return {row.token: row for row in rows}


async def test_submissions_past_the_retention_period_are_deleted(app: FastAPI, api: Api) -> None:
    user_id = (await api.signup())["user"]["id"]
    old = await store(app, user_id, age=DAY + timedelta(minutes=1), status=Judge0Status.ACCEPTED)
    recent = await store(app, user_id, age=DAY - timedelta(minutes=1), status=Judge0Status.ACCEPTED)
    await services_of(app).judge0.sweep()
    assert set(await stored(app)) == {recent}
    assert old not in await stored(app)


async def test_an_unfinished_submission_whose_process_died_ends_as_internal_error(
    app: FastAPI, api: Api
) -> None:
    user_id = (await api.signup())["user"]["id"]
    lost = await store(app, user_id, age=timedelta(minutes=20), status=Judge0Status.PROCESSING)
    running = await store(app, user_id, age=timedelta(seconds=5), status=Judge0Status.IN_QUEUE)
    await services_of(app).judge0.sweep()
    rows = await stored(app)
    assert rows[lost].status_id == Judge0Status.INTERNAL_ERROR.value
    assert rows[lost].finished_at is not None
    assert rows[lost].result == {"message": "the server running it stopped"}
    assert rows[running].status_id == Judge0Status.IN_QUEUE.value


async def test_deleting_an_account_deletes_its_submissions_and_keys(app: FastAPI, api: Api) -> None:
    account = await api.signup()
    await api.http.post("/api/keys", json={"name": "k"}, headers=api.auth(account))
    await store(app, account["user"]["id"], age=timedelta(0), status=Judge0Status.ACCEPTED)
    async with services_of(app).runtime.sessionmaker() as session:
        user = await session.get(User, uuid.UUID(account["user"]["id"]))
        await session.delete(user)
        await session.commit()
    assert await stored(app) == {}
