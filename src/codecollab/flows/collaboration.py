"""Assembling the sync engine from the runtime: the room's one event log, persistence, presence,
the language guard, the timeline's recorder and (with Redis) fan-out."""

from __future__ import annotations

from codecollab import metrics
from codecollab.collab.access import database_authorizer
from codecollab.collab.awareness import AwarenessLimits
from codecollab.collab.client_id_store import DatabaseClientIds
from codecollab.collab.engine import Collaboration, Limits
from codecollab.collab.hooks import Extension
from codecollab.collab.language_guard import LanguageGuard
from codecollab.collab.persistence import Persistence
from codecollab.events.log import GroupCommit, RoomEventLog
from codecollab.events.writer import CommittedListener, DroppedListener, EventLogWriter
from codecollab.events.writer_process import EventLogProcess
from codecollab.flows.presence import PresenceTracker
from codecollab.runtime import Runtime
from codecollab.timeline.checkpoints import CheckpointWriter
from codecollab.timeline.recorder import timeline_recorder


def create_event_log(runtime: Runtime) -> RoomEventLog:
    """The one append path of the live rooms' events (started and stopped by `Persistence`)."""
    return RoomEventLog(lambda committed, dropped: _group_commit(runtime, committed, dropped))


def create_collaboration(
    runtime: Runtime,
    event_log: RoomEventLog,
    checkpoints: CheckpointWriter,
    language_guard: LanguageGuard,
) -> Collaboration:
    settings = runtime.settings
    persistence = Persistence(
        runtime.sessionmaker,
        event_log=event_log,
        snapshot_every=settings.collab_snapshot_every,
    )
    extensions: list[Extension] = []
    if settings.redis_url:
        from codecollab.collab.relay import RedisRelay

        # First: subscribed before the database is read, so nothing falls between the two.
        extensions.append(RedisRelay(settings.redis_url, persistence=persistence))
    extensions += [
        persistence,
        PresenceTracker(runtime.sessionmaker),
        # After the log (the client's change is logged before the guard's set-back), before
        # the recorder (which then sees no language change).
        language_guard,
        timeline_recorder(settings, checkpoints),
    ]
    collaboration = Collaboration(
        extensions=extensions,
        authorize=database_authorizer(runtime.sessionmaker),
        client_ids=DatabaseClientIds(runtime.sessionmaker),
        limits=Limits(
            max_frame_bytes=settings.collab_max_frame_bytes,
            max_document_bytes=settings.collab_max_document_bytes,
            messages_per_s=settings.collab_messages_per_s,
            message_burst=settings.collab_message_burst,
            bytes_per_s=settings.collab_bytes_per_s,
            byte_burst=settings.collab_byte_burst,
            room_bytes_per_s=settings.collab_room_bytes_per_s,
            room_byte_burst=settings.collab_room_byte_burst,
            unload_grace_s=settings.collab_unload_grace_s,
            awareness_batch_s=settings.collab_awareness_batch_ms / 1000,
            awareness_renewal_batch_s=settings.collab_awareness_renewal_batch_ms / 1000,
            awareness=AwarenessLimits(
                state_bytes=settings.collab_max_awareness_state_bytes,
                depth=settings.collab_max_awareness_depth,
                client_ids_per_connection=settings.collab_max_awareness_client_ids,
                states_per_room=settings.collab_max_awareness_states,
            ),
            max_outbound_bytes=settings.collab_max_outbound_bytes,
        ),
    )
    for extension in extensions:
        extension.bind(collaboration)
    return collaboration


def _group_commit(
    runtime: Runtime, on_committed: CommittedListener, on_dropped: DroppedListener
) -> GroupCommit:
    settings = runtime.settings
    interval_s = settings.collab_flush_interval_ms / 1000
    max_events = settings.collab_flush_max_events
    if settings.collab_event_log_writer == "process":
        return EventLogProcess(
            settings.database_url,
            interval_s=interval_s,
            max_events=max_events,
            on_committed=on_committed,
            on_dropped=on_dropped,
            on_delay=metrics.COMMIT_DELAY.observe,
        )
    return EventLogWriter(
        runtime.connect_event_log,
        interval_s=interval_s,
        max_events=max_events,
        on_committed=on_committed,
        on_dropped=on_dropped,
        on_delay=metrics.COMMIT_DELAY.observe,
    )
