"""WebSocket close codes the collaboration endpoint uses (documented in docs/collaboration.md).

The 44xx/45xx codes mirror the HTTP status a REST call would get, so a client can tell "log in
again" (4401) from "you may not" (4403) from "fix your client" (4400, 4413, 4422) from "slow down"
(4429).
"""

from __future__ import annotations

from enum import IntEnum


class CloseCode(IntEnum):
    NORMAL = 1000
    GOING_AWAY = 1001  # the server is shutting down; reconnect to another process or later
    INTERNAL_ERROR = 1011
    TRY_AGAIN_LATER = 1013  # the client's unsent backlog passed its limit; reconnect and resync
    PROTOCOL_ERROR = 4400  # malformed frame; awareness state not strict JSON, too large or deep
    UNAUTHENTICATED = 4401  # missing, malformed or expired token, or the user no longer exists
    FORBIDDEN = 4403  # no right for this document (or just lost it); another's awareness client id
    NOT_FOUND = 4404  # no such room, or not a member of it (a non-member learns nothing)
    FRAME_TOO_LARGE = 4413  # one frame over the frame size limit; awareness table full
    UPDATE_REJECTED = 4422  # an update that does not decode or apply
    RATE_LIMITED = 4429  # more messages per second than the per-connection limit allows
    DOCUMENT_TOO_LARGE = 4507  # the update would grow the document past its size limit
