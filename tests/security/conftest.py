"""The live-collaboration fixtures (a real server on port 0, Python Yjs clients) for the attacks."""

from __future__ import annotations

from tests.collab.conftest import (  # noqa: F401  (fixtures and the collab_settings marker)
    api,
    collab_app,
    connect,
    live,
    pytest_configure,
    room,
)
