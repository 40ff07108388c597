"""Serving the built web app (frontend/dist) at `/`, with client-side routing.

The app is installed as the router's *default* handler, which Starlette calls only when no route
matched, so it can never shadow an API route, whatever order routers are added in. Paths under the
server's own prefixes (`/api`, `/judge0`, `/ws`, the OpenAPI document and docs, health checks)
keep their plain 404; any other GET that is not a file gets `index.html`, and the browser's router
takes over.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from codecollab.config import Settings

logger = logging.getLogger(__name__)

RESERVED_PREFIXES = (
    "/api",
    "/judge0",
    "/ws",
    "/openapi.json",
    "/docs",
    "/redoc",
    "/healthz",
    "/readyz",
)
# Vite names everything under assets/ by content hash: safe to cache for ever.
IMMUTABLE = "public, max-age=31536000, immutable"
NOT_BUILT = (
    "CodeCollab is running, but its web app has not been built.\n"
    "Build it with `npm ci && npm run build` in frontend/ (or `make run`), "
    "or point CODECOLLAB_FRONTEND_DIR at a built copy.\n"
)

_REPO_BUILD = Path(__file__).resolve().parents[2] / "frontend" / "dist"


# A missing path with one of these suffixes is a missing file (404), not a client-side route
# (route segments may hold dots: invite tokens are JWTs).
FILE_SUFFIXES = (
    ".js",
    ".mjs",
    ".css",
    ".map",
    ".svg",
    ".png",
    ".jpg",
    ".ico",
    ".json",
    ".txt",
    ".woff",
    ".woff2",
    ".ttf",
    ".wasm",
    ".webmanifest",
    ".html",
)


def _looks_like_file(relative: str) -> bool:
    return relative.startswith("assets/") or relative.lower().endswith(FILE_SUFFIXES)


def is_reserved(path: str) -> bool:
    return any(path == prefix or path.startswith(prefix + "/") for prefix in RESERVED_PREFIXES)


def frontend_dir(settings: Settings) -> Path | None:
    """The built app's folder: the configured one, else the repository's frontend/dist if built."""
    directory = settings.frontend_dir or _REPO_BUILD
    if (directory / "index.html").is_file():
        return directory
    if settings.frontend_dir is not None:
        logger.warning("CODECOLLAB_FRONTEND_DIR=%s has no index.html: not served", directory)
    return None


class WebApp:
    """ASGI app: files of the build, else index.html for client-side routes, else `fallback`."""

    def __init__(self, directory: Path | None, fallback: ASGIApp) -> None:
        self.directory = directory
        self.fallback = fallback
        self.files = StaticFiles(directory=directory) if directory is not None else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path: str = scope.get("path", "/")
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") or is_reserved(path):
            await self.fallback(scope, receive, send)
            return
        response = await self._response(path, scope)
        if response is None:
            await self.fallback(scope, receive, send)
            return
        await response(scope, receive, send)

    async def _response(self, path: str, scope: Scope) -> Response | None:
        if self.files is None or self.directory is None:
            return PlainTextResponse(NOT_BUILT) if path == "/" else None
        relative = path.lstrip("/")
        if relative:
            try:
                response = await self.files.get_response(relative, scope)
            except HTTPException:
                response = None
            if response is not None and response.status_code != 404:
                if relative.startswith("assets/"):
                    response.headers["Cache-Control"] = IMMUTABLE
                return response
            if _looks_like_file(relative):
                return None  # a missing file, not a page: a real 404
        return FileResponse(self.directory / "index.html", headers={"Cache-Control": "no-cache"})


def install_webapp(app: FastAPI, settings: Settings) -> None:
    """Serve the web app for every request no route claims."""
    app.router.default = WebApp(frontend_dir(settings), app.router.default)
