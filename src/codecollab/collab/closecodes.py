"""WebSocket close codes the collaboration endpoint uses (documented in docs/collaboration.md).

The 44xx codes mirror the HTTP status a REST call would get, so a client can tell "log in again"
(4401) from "you may not" (4403) from "fix your client" (4400, 4413, 4422). y-websocket v3 clients
never reconnect after a 44xx, so those are only for refusals a retry cannot fix; a transient
condition closes with 1001, 1011 or 1013 (or a 45xx), and a client sending too fast is not closed
at all: the server stops reading from it until its budget refills.
"""

from __future__ import annotations

from enum import IntEnum


class CloseCode(IntEnum):
    NORMAL = 1000
    # The server is shutting down (reconnect to another process or later); or the connection
    # gave no sign of life when its user's newer connection announced its awareness client id.
    GOING_AWAY = 1001
    INTERNAL_ERROR = 1011
    TRY_AGAIN_LATER = 1013  # the client's unsent backlog passed its limit; reconnect and resync
    PROTOCOL_ERROR = 4400  # malformed frame; awareness state not strict JSON, too large or deep
    UNAUTHENTICATED = 4401  # missing, malformed or expired token, or the user no longer exists
    # A member without the right for this document (or who just lost it), an update writing
    # under a Yjs client id another user owns, or awareness for another connection's client id.
    FORBIDDEN = 4403
    NOT_FOUND = 4404  # no such room, or not a member of it (a non-member learns nothing)
    FRAME_TOO_LARGE = 4413  # one frame over the frame size limit; awareness table full
    # An update that does not decode or apply, or whose items depend on another client id's
    # items the server does not have (they would wait and integrate with someone else's update).
    UPDATE_REJECTED = 4422
    # The update would grow the document past its size limit: a retry sends the same update.
    DOCUMENT_TOO_LARGE = 4413
