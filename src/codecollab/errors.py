"""Domain errors that services raise and the HTTP layer maps to status codes in one place."""

from __future__ import annotations

import json
import math
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse

MAX_ERRORS = 20
"""A 422 lists at most this many of the input's errors."""
EXCERPT_CHARS = 200
"""How much of a bad input value a 422 shows back."""


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


RETRY_AFTER_S = 30
"""What a 503 tells the client to wait before trying again when its cause names no time."""


class Unavailable(DomainError):
    """503: the server cannot do this now. Every 503 carries Retry-After: seconds to wait
    before trying again (a class's own ``retry_after_s``, or one given for the occasion)."""

    status_code = 503
    retry_after_s = RETRY_AFTER_S

    def __init__(self, detail: str, *, retry_after_s: int | None = None) -> None:
        super().__init__(detail)
        if retry_after_s is not None:
            self.retry_after_s = retry_after_s

    @property
    def headers(self) -> dict[str, str] | None:
        return {"Retry-After": str(self.retry_after_s)}


def install_error_handlers(app: FastAPI) -> None:
    async def handle(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, DomainError)
        headers = dict(exc.headers or {})
        if exc.status_code == 503:  # every 503 says when to try again
            headers.setdefault("Retry-After", str(RETRY_AFTER_S))
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=headers)

    async def handle_invalid(_request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return JSONResponse({"detail": shown_errors(exc.errors())}, status_code=422)

    app.add_exception_handler(DomainError, handle)
    app.add_exception_handler(RequestValidationError, handle_invalid)


def shown_errors(errors: Any) -> list[dict[str, Any]]:
    """Validation errors as a 422 shows them: each with a short excerpt of the bad input (never
    the whole body back), ``ctx`` only when small, at most MAX_ERRORS of them. The excerpt is
    always encodable: lone surrogates escaped, NaN and Infinity as text."""
    shown = []
    for error in list(errors)[:MAX_ERRORS]:
        entry = {key: value for key, value in error.items() if key not in ("input", "ctx", "url")}
        entry["loc"] = [excerpt(part) for part in error.get("loc", ())]
        entry["msg"] = excerpt(error.get("msg", ""))
        if "input" in error:
            entry["input"] = excerpt(error["input"])
        ctx = {key: excerpt(value) for key, value in (error.get("ctx") or {}).items()}
        if ctx and len(_json(ctx)) <= EXCERPT_CHARS:
            entry["ctx"] = ctx
        shown.append(entry)
    return shown


def excerpt(value: Any, *, depth: int = 0) -> Any:
    """A JSON-safe excerpt of ``value`` of about EXCERPT_CHARS characters at most."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, int):  # str() of a huge int is slow, and refused past 4,300 digits
        return value if abs(value) < 2**63 else f"<an integer of {value.bit_length()} bits>"
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, str):
        return _cut(value)
    if isinstance(value, bytes):
        return _cut(value[: EXCERPT_CHARS * 4].decode("utf-8", "replace"))
    if isinstance(value, dict | list | tuple):
        return _container_excerpt(value, depth)
    return _cut(str(value))


def _container_excerpt(value: dict[Any, Any] | list[Any] | tuple[Any, ...], depth: int) -> Any:
    if isinstance(value, dict):
        kind = f"an object of {len(value)} keys"
    else:
        kind = f"an array of {len(value)} items"
    if depth >= 2 or len(value) > 8:
        return f"<{kind}>"
    if isinstance(value, dict):
        small: Any = {str(excerpt(k)): excerpt(v, depth=depth + 1) for k, v in value.items()}
    else:
        small = [excerpt(item, depth=depth + 1) for item in value]
    return small if len(_json(small)) <= EXCERPT_CHARS else f"<{kind}>"


def _cut(text: str) -> str:
    text = text[: EXCERPT_CHARS + 1].encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS] + "…"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


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
    503: "Temporarily unavailable; see Retry-After",
}


def responses(*codes: int) -> Responses:
    """OpenAPI descriptions of the error statuses a route can answer."""
    return {code: {"description": _DESCRIPTIONS[code]} for code in codes}
