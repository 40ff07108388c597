"""What routes need to know about the client: its address, and how to tell it to wait."""

from __future__ import annotations

from fastapi import HTTPException, Request, status


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def too_many(detail: str, retry_after_s: int) -> HTTPException:
    """429 with Retry-After."""
    return HTTPException(
        status.HTTP_429_TOO_MANY_REQUESTS, detail, headers={"Retry-After": str(retry_after_s)}
    )
