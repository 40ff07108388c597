"""Domain errors that services raise and the HTTP layer maps to status codes in one place."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


class DomainError(Exception):
    status_code = 400

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail

    @property
    def headers(self) -> dict[str, str] | None:
        return None


class NotFound(DomainError):
    """Does not exist, or is not the caller's to see: the two are never told apart."""

    status_code = 404


class Forbidden(DomainError):
    status_code = 403


class Conflict(DomainError):
    status_code = 409


class Gone(DomainError):
    status_code = 410


class Unprocessable(DomainError):
    status_code = 422


def install_error_handlers(app: FastAPI) -> None:
    async def handle(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, DomainError)
        return JSONResponse(
            {"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers
        )

    app.add_exception_handler(DomainError, handle)


Responses = dict[int | str, dict[str, Any]]

_DESCRIPTIONS = {
    401: "Not authenticated, or bad credentials",
    403: "A member without the right",
    404: "Does not exist, or is not the caller's to see",
    409: "Conflict with the current state",
    422: "Invalid input",
    410: "No longer usable",
    413: "Request body too large",
    429: "Rate-limited; see Retry-After",
    503: "Temporarily unavailable",
}


def responses(*codes: int) -> Responses:
    """OpenAPI descriptions of the error statuses a route can answer."""
    return {code: {"description": _DESCRIPTIONS[code]} for code in codes}
