"""The security suite attacks a real server: the live-collaboration fixtures (uvicorn on port 0,
Python Yjs clients) are shared with tests/collab."""

from tests.collab.conftest import collab_app, connect, live  # noqa: F401
