"""The ASGI application: REST API under /api, real-time under /ws, the web app at /."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse

from codecollab.bodylimit import BodySizeLimitMiddleware
from codecollab.config import Settings, get_settings
from codecollab.db import ping
from codecollab.errors import install_error_handlers
from codecollab.execution.service import ExecutionService, select_backend
from codecollab.flows.live_rooms import start_live_rooms
from codecollab.judge.service import JudgeService
from codecollab.judge0.service import Judge0Service
from codecollab.runtime import Runtime
from codecollab.web.services import Services, TimelineServices, services_of
from codecollab.webapp import install_webapp

READY_RETRY_AFTER_S = 5
"""What a not-ready 503 tells a load balancer or client to wait before asking again."""


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = Runtime.from_settings(settings)
        sandbox, reason = await select_backend(settings)
        execution = ExecutionService.start(settings, sandbox=sandbox, reason=reason)
        judge = JudgeService(sandbox=sandbox, execution=execution, reason=reason)
        live = await start_live_rooms(runtime, execution=execution, judge=judge)
        judge0 = Judge0Service(settings, execution=execution, sessionmaker=runtime.sessionmaker)
        app.state.services = Services(
            runtime=runtime,
            execution=execution,
            judge=judge,
            live=live,
            timeline=TimelineServices(checkpoints=live.checkpoints),
            judge0=judge0,
        )
        try:
            yield
        finally:
            await judge0.close()
            await live.stop()
            await execution.close()
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


def _add_api_routes(app: FastAPI) -> None:
    from codecollab.web.api_keys import router as api_keys_router
    from codecollab.web.auth import router as auth_router
    from codecollab.web.collab import router as collab_router
    from codecollab.web.execution import router as execution_router
    from codecollab.web.invites import router as invites_router
    from codecollab.web.judge import router as judge_router
    from codecollab.web.judge0 import install_judge0_errors
    from codecollab.web.judge0 import router as judge0_router
    from codecollab.web.presence import router as presence_router
    from codecollab.web.problems import router as problems_router
    from codecollab.web.rooms import router as rooms_router
    from codecollab.web.scorecards import router as scorecards_router
    from codecollab.web.timeline import router as timeline_router
    from codecollab.web.users import router as users_router

    app.include_router(auth_router, prefix="/api")
    app.include_router(rooms_router, prefix="/api")
    app.include_router(invites_router, prefix="/api")
    app.include_router(presence_router, prefix="/api")
    app.include_router(problems_router, prefix="/api")
    app.include_router(execution_router, prefix="/api")
    app.include_router(judge_router, prefix="/api")
    app.include_router(timeline_router, prefix="/api")
    app.include_router(users_router, prefix="/api")
    app.include_router(scorecards_router, prefix="/api")
    app.include_router(api_keys_router, prefix="/api")
    app.include_router(collab_router)
    app.include_router(judge0_router)
    install_judge0_errors(app)


def _add_health_routes(app: FastAPI) -> None:
    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", include_in_schema=False)
    async def readyz() -> JSONResponse:
        try:
            await ping(services_of(app).runtime.engine)
        except Exception as exc:  # any failure to reach the database means "not ready"
            return JSONResponse(
                {"status": "unavailable", "detail": type(exc).__name__},
                status_code=503,
                headers={"Retry-After": str(READY_RETRY_AFTER_S)},
            )
        return JSONResponse({"status": "ok"})
