"""Every 503 the app answers says when to try again (Retry-After, in seconds)."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from codecollab.errors import RETRY_AFTER_S, DomainError, Unavailable, install_error_handlers


class _Down(Unavailable):
    retry_after_s = 7


class _BareUnavailable(DomainError):
    status_code = 503


def _app() -> FastAPI:
    app = FastAPI()
    install_error_handlers(app)

    @app.get("/down")
    async def down() -> None:
        raise _Down("the thing is down")

    @app.get("/for-a-while")
    async def for_a_while() -> None:
        raise Unavailable("down for a while", retry_after_s=42)

    @app.get("/bare")
    async def bare() -> None:
        raise _BareUnavailable("no time given")

    return app


async def _get(path: str) -> httpx.Response:
    transport = httpx.ASGITransport(app=_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        return await http.get(path)


async def test_an_unavailable_error_carries_its_class_retry_after() -> None:
    response = await _get("/down")
    assert (response.status_code, response.headers["Retry-After"]) == (503, "7")
    assert response.json() == {"detail": "the thing is down"}


async def test_an_unavailable_error_may_name_its_own_retry_after() -> None:
    response = await _get("/for-a-while")
    assert (response.status_code, response.headers["Retry-After"]) == (503, "42")


async def test_any_503_without_a_retry_after_gets_the_default() -> None:
    response = await _get("/bare")
    assert (response.status_code, response.headers["Retry-After"]) == (503, str(RETRY_AFTER_S))
