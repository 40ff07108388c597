"""The ASGI application: REST API under /api, real-time under /ws, the web app at /."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from codecollab.bodylimit import BodySizeLimitMiddleware
from codecollab.collab.engine import Collaboration
from codecollab.collab.setup import create_collaboration
from codecollab.config import Settings, get_settings
from codecollab.db import ping
from codecollab.errors import install_error_handlers
from codecollab.runtime import Runtime
from codecollab.webapp import install_webapp


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from codecollab.execution.service import ExecutionService, select_backend
        from codecollab.judge.service import JudgeService

        runtime = Runtime.from_settings(settings)
        app.state.runtime = runtime
        sandbox, reason = await select_backend(settings)
        app.state.execution = ExecutionService.start(settings, sandbox=sandbox, reason=reason)
        app.state.judge = JudgeService(
            sandbox=sandbox, execution=app.state.execution, reason=reason
        )
        app.state.collaboration = await _start_collaboration(runtime)
        _wire_room_services(app, runtime)
        try:
            yield
        finally:
            await app.state.collaboration.stop()
            await app.state.execution.close()
            if sandbox is not None:
                await sandbox.close()
            await runtime.close()

    app = FastAPI(title="CodeCollab", version="0.1.0", lifespan=lifespan)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    install_error_handlers(app)
    _add_health_routes(app)
    _add_api_routes(app)
    install_webapp(app, settings)
    return app


async def _start_collaboration(runtime: Runtime) -> Collaboration:
    collaboration = create_collaboration(runtime)
    await collaboration.start()
    runtime.rights_listeners.append(collaboration.rights_changed)
    return collaboration


def _wire_room_services(app: FastAPI, runtime: Runtime) -> None:
    """Runs and the judge read the live code and show their results through the room."""
    from codecollab.collab.room_io import RoomDocuments
    from codecollab.execution.room_runs import RoomRuns
    from codecollab.judge.wiring import connect_judge

    documents = RoomDocuments(app.state.collaboration)
    app.state.room_runs = RoomRuns(
        execution=app.state.execution, documents=documents, sessionmaker=runtime.sessionmaker
    )
    connect_judge(app.state.judge, documents=documents, sessionmaker=runtime.sessionmaker)


def _add_api_routes(app: FastAPI) -> None:
    from codecollab.auth.views import router as auth_router
    from codecollab.collab.views import router as collab_router
    from codecollab.execution.views import router as execution_router
    from codecollab.judge.views import router as judge_router
    from codecollab.presence.views import router as presence_router
    from codecollab.problems.views import router as problems_router
    from codecollab.rooms.views import router as rooms_router
    from codecollab.timeline.views import router as timeline_router
    from codecollab.users.views import router as users_router

    app.include_router(auth_router, prefix="/api")
    app.include_router(rooms_router, prefix="/api")
    app.include_router(presence_router, prefix="/api")
    app.include_router(problems_router, prefix="/api")
    app.include_router(execution_router, prefix="/api")
    app.include_router(judge_router, prefix="/api")
    app.include_router(timeline_router, prefix="/api")
    app.include_router(users_router, prefix="/api")
    app.include_router(collab_router)


def _add_health_routes(app: FastAPI) -> None:
    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        runtime: Runtime = app.state.runtime
        try:
            await ping(runtime.engine)
        except Exception as exc:  # any failure to reach the database means "not ready"
            return JSONResponse(
                {"status": "unavailable", "detail": type(exc).__name__}, status_code=503
            )
        return JSONResponse({"status": "ok"})
