"""The services the running app holds, in one typed container on `app.state.services`: made by
the app's lifespan, read by the routes through `web/deps.py` only."""

from __future__ import annotations

from dataclasses import dataclass, field

from starlette.applications import Starlette

from codecollab.execution.service import ExecutionService
from codecollab.flows.live_rooms import LiveRooms
from codecollab.flows.signals import SignalLimiter
from codecollab.judge.service import JudgeService
from codecollab.judge0.service import Judge0Service
from codecollab.runtime import Runtime
from codecollab.timeline.checkpoints import CheckpointWriter
from codecollab.timeline.progress import CACHED_VERDICTS, VerdictCache


@dataclass(frozen=True)
class TimelineServices:
    """What the timeline's routes keep between requests."""

    checkpoints: CheckpointWriter
    limiter: SignalLimiter = field(default_factory=SignalLimiter)
    verdicts: VerdictCache = field(default_factory=lambda: VerdictCache(CACHED_VERDICTS))


@dataclass(frozen=True)
class Services:
    runtime: Runtime
    execution: ExecutionService
    judge: JudgeService
    live: LiveRooms
    timeline: TimelineServices
    judge0: Judge0Service


def services_of(app: Starlette) -> Services:
    services: Services = app.state.services
    return services
