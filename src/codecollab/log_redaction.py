"""Keeps access tokens out of the server's log.

The WebSocket endpoint takes its token in the query string (browsers cannot set headers on a
WebSocket), and uvicorn logs every request line with its query. A token in a log file is a
credential anyone who reads the logs can use, so the value of every `token` query parameter is
replaced before a record is written.
"""

from __future__ import annotations

import logging
import re

TOKEN_PARAMETER = re.compile(r"([?&]token=)[^&\s\"]*")
REDACTED = r"\1[redacted]"


def redact(text: str) -> str:
    return TOKEN_PARAMETER.sub(REDACTED, text)


class RedactTokens(logging.Filter):
    """A handler filter: rewrites the record's message and arguments, never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in record.args)
        return True
