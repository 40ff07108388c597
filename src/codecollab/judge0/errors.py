"""An answer in Judge0's error shape (``{"error": "…"}`` or ``{"field": ["…"]}``)."""

from __future__ import annotations

from typing import Any


class Judge0Error(Exception):
    def __init__(
        self, status_code: int, body: dict[str, Any], headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(str(body))
        self.status_code = status_code
        self.body = body
        self.headers = headers
