"""The sync engine: live documents loaded once, shared by connections, unloaded when idle."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from functools import partial

from codecollab.collab.awareness import AwarenessLimits, AwarenessRefused, Claim
from codecollab.collab.channel import Channel, ChannelClosed
from codecollab.collab.client_ids import (
    ClaimUnavailable,
    ClientIdOwners,
    ClientIdRegistry,
    ClientIdTaken,
    MemoryClientIds,
)
from codecollab.collab.closecodes import CloseCode
from codecollab.collab.dependencies import refuse_dangling
from codecollab.collab.documents import DocumentKey, DocumentUnavailable
from codecollab.collab.hooks import Extension
from codecollab.collab.live import DocumentTooLarge, LiveDocument, UpdateRejected
from codecollab.collab.peer import MAX_OUTBOUND_BYTES, Access, Peer
from codecollab.collab.protocol import (
    AwarenessMessage,
    Message,
    ProtocolError,
    QueryAwareness,
    SyncStep1,
    SyncStep2,
    SyncUpdate,
    check_state_vector,
    create_sync_step2_message,
    decode_awareness_update,
    parse_frame,
)
from codecollab.collab.ratelimit import ConnectionThrottle, RoomBudgets, Throttle
from codecollab.collab.update_structs import UpdateStructs, read_structs

logger = logging.getLogger(__name__)


class AccessDenied(Exception):
    def __init__(self, code: int, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


# Decides (again) what a user may do with a document; raises AccessDenied.
Authorizer = Callable[[DocumentKey, uuid.UUID], Awaitable[Access]]


@dataclass(frozen=True)
class Limits:
    max_frame_bytes: int = 2 * 1024 * 1024
    max_document_bytes: int = 16 * 1024 * 1024
    messages_per_s: float = 200.0
    message_burst: int = 1000
    bytes_per_s: float = 256 * 1024
    byte_burst: int = 4 * 1024 * 1024
    room_bytes_per_s: float = 64 * 1024
    room_byte_burst: int = 4 * 1024 * 1024
    unload_grace_s: float = 30.0
    awareness_batch_s: float = 0.01
    awareness_renewal_batch_s: float = 1.0
    # A connection holding a client id its user's newer connection announces must answer a
    # sync step 1 within this long, or it is taken for dead and the newer one gets the id.
    liveness_probe_s: float = 1.0
    awareness: AwarenessLimits = field(default_factory=AwarenessLimits)
    max_outbound_bytes: int = MAX_OUTBOUND_BYTES


class Collaboration:
    def __init__(
        self,
        *,
        extensions: Sequence[Extension],
        authorize: Authorizer,
        limits: Limits,
        client_ids: ClientIdRegistry | None = None,
    ) -> None:
        self.extensions = list(extensions)
        self.limits = limits
        self._authorize = authorize
        self._client_ids: ClientIdRegistry = client_ids or MemoryClientIds()
        self._owners: dict[DocumentKey, ClientIdOwners] = {}
        self._room_budgets = RoomBudgets(
            rate_per_s=limits.room_bytes_per_s, burst=limits.room_byte_burst
        )
        self.documents: dict[DocumentKey, LiveDocument] = {}
        self._loading: dict[DocumentKey, asyncio.Task[LiveDocument]] = {}
        self._loading_documents: dict[DocumentKey, LiveDocument] = {}
        self._unloading: dict[DocumentKey, asyncio.Task[None]] = {}
        self._holders: Counter[DocumentKey] = Counter()
        self._unload_timers: dict[DocumentKey, asyncio.TimerHandle] = {}
        self._connections: set[asyncio.Task[None]] = set()
        self._background: set[asyncio.Task[None]] = set()
        self._closed = False

    # --- lifecycle -------------------------------------------------------------------------

    async def start(self) -> None:
        for extension in self.extensions:
            await extension.start()

    async def stop(self) -> None:
        """Disconnect everyone (1001), store every document, stop the extensions."""
        self._closed = True
        if self._background:
            await asyncio.wait(self._background, timeout=5)
        for document in list(self.documents.values()):
            for peer in list(document.peers):
                peer.close(CloseCode.GOING_AWAY, "server shutting down")
        if self._connections:
            await asyncio.wait(self._connections, timeout=5)
        for timer in self._unload_timers.values():
            timer.cancel()
        self._unload_timers.clear()
        for task in list(self._unloading.values()):
            await task
        for key in list(self.documents):
            await self._unload(key)
        for extension in reversed(self.extensions):
            await extension.stop()

    # --- documents -------------------------------------------------------------------------

    def find(self, key: DocumentKey) -> LiveDocument | None:
        """The document in memory, loaded or still loading (for deliveries from other processes)."""
        return self.documents.get(key) or self._loading_documents.get(key)

    async def open(self, key: DocumentKey) -> LiveDocument:
        """The loaded document; the caller holds it until `release`. Loads it exactly once."""
        self._holders[key] += 1
        try:
            return await self._open(key)
        except BaseException:
            self.release(key)
            raise

    async def _open(self, key: DocumentKey) -> LiveDocument:
        while True:
            unloading = self._unloading.get(key)
            if unloading is not None:
                await asyncio.shield(unloading)
                continue
            timer = self._unload_timers.pop(key, None)
            if timer is not None:
                timer.cancel()
            document = self.documents.get(key)
            if document is not None:
                return document
            loading = self._loading.get(key)
            if loading is None:
                loading = asyncio.create_task(self._load(key), name=f"load {key}")
                self._loading[key] = loading
            return await asyncio.shield(loading)

    async def _load(self, key: DocumentKey) -> LiveDocument:
        document = LiveDocument(
            key,
            extensions=self.extensions,
            max_bytes=self.limits.max_document_bytes,
            awareness_batch_s=self.limits.awareness_batch_s,
            awareness_renewal_batch_s=self.limits.awareness_renewal_batch_s,
            awareness_limits=self.limits.awareness,
        )
        self._loading_documents[key] = document
        try:
            await self._load_owners(document)
            for extension in self.extensions:
                await extension.on_load(document)
        except BaseException:
            document.close()
            raise
        else:
            self.documents[key] = document
            return document
        finally:
            self._loading_documents.pop(key, None)
            self._loading.pop(key, None)

    async def _load_owners(self, document: LiveDocument) -> None:
        """Who owns which client id; the server claims the id it writes under itself."""
        self._owners[document.key] = await ClientIdOwners.load(
            document.key, self._client_ids, server_id=document.doc.client_id
        )

    def release(self, key: DocumentKey) -> None:
        self._holders[key] -= 1
        if self._holders[key] > 0:
            return
        del self._holders[key]
        if key in self.documents and not self._closed:
            loop = asyncio.get_running_loop()
            self._unload_timers[key] = loop.call_later(
                self.limits.unload_grace_s, self._start_unload, key
            )

    def _start_unload(self, key: DocumentKey) -> None:
        self._unload_timers.pop(key, None)
        if self._holders[key] > 0 or key in self._unloading or key not in self.documents:
            return
        task = asyncio.create_task(self._unload(key), name=f"unload {key}")
        self._unloading[key] = task
        task.add_done_callback(lambda _task: self._unloading.pop(key, None))

    async def _unload(self, key: DocumentKey) -> None:
        """Store and drop a document; it stays findable until stored (new connections wait)."""
        document = self.documents.get(key)
        if document is None:
            return
        for extension in reversed(self.extensions):
            try:
                await extension.on_unload(document)
            except Exception:
                logger.exception("unloading %s: %s failed", key, type(extension).__name__)
        # An idle unload and the shutdown can both reach here for one document.
        if self.documents.get(key) is document:
            del self.documents[key]
            self._owners.pop(key, None)
            if not any(other.room_id == key.room_id for other in self.documents):
                self._room_budgets.forget(key.room_id)
            document.close()

    # --- rights ----------------------------------------------------------------------------

    async def refresh_rights(self, room_id: uuid.UUID) -> None:
        """Re-check every open connection to the room (a role, status or membership changed)."""
        for key, document in list(self.documents.items()):
            if key.room_id != room_id:
                continue
            for peer in list(document.peers):
                try:
                    peer.access = await self._authorize(key, peer.user_id)
                except AccessDenied as denied:
                    peer.close(denied.code, denied.reason)

    async def rights_changed(self, room_id: uuid.UUID) -> None:
        """The rooms views call this after a change; other processes hear of it via extensions.

        The re-check runs in its own task: the caller may still hold a database transaction
        (on SQLite, a write lock) that the re-check's reads would wait for.
        """
        task = asyncio.create_task(self._rights_changed(room_id), name=f"rights {room_id}")
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _rights_changed(self, room_id: uuid.UUID) -> None:
        try:
            await self.refresh_rights(room_id)
            for extension in self.extensions:
                await extension.on_rights_changed(room_id)
        except Exception:
            logger.exception("re-checking rights in room %s failed", room_id)

    # --- connections -----------------------------------------------------------------------

    async def serve(self, channel: Channel, key: DocumentKey, access: Access) -> None:
        """Run one authenticated connection until it closes."""
        task = asyncio.current_task()
        if task is not None:
            self._connections.add(task)
        try:
            await self._serve(channel, key, access)
        finally:
            if task is not None:
                self._connections.discard(task)

    async def _serve(self, channel: Channel, key: DocumentKey, access: Access) -> None:
        if self._closed:
            await channel.close(CloseCode.GOING_AWAY, "server shutting down")
            return
        try:
            document = await self.open(key)
        except DocumentUnavailable:
            await channel.close(CloseCode.NOT_FOUND, "no such room")
            return
        except Exception:
            logger.exception("loading %s failed", key)
            await channel.close(CloseCode.INTERNAL_ERROR, "the document could not be loaded")
            return
        try:
            await self._connect(channel, document, access)
        finally:
            self.release(key)

    async def _connect(self, channel: Channel, document: LiveDocument, access: Access) -> None:
        peer = Peer(channel, access, max_outbound_bytes=self.limits.max_outbound_bytes)
        document.add_peer(peer)
        peer.send(document.state_vector_frame())
        awareness = document.awareness_snapshot_frame()
        if awareness is not None:
            peer.send(awareness)
        sender = asyncio.create_task(peer.run_sender(), name="peer sender")
        try:
            for extension in self.extensions:
                await extension.on_connect(document, peer)
            await self._receive(peer, document)
        finally:
            document.remove_peer(peer)
            peer.close(CloseCode.NORMAL, "")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(sender, timeout=5)
            for extension in self.extensions:
                await extension.on_disconnect(document, peer)

    async def _receive(self, peer: Peer, document: LiveDocument) -> None:
        throttle = ConnectionThrottle(
            messages=Throttle(
                rate_per_s=self.limits.messages_per_s, burst=self.limits.message_burst
            ),
            bytes_=Throttle(rate_per_s=self.limits.bytes_per_s, burst=self.limits.byte_burst),
        )
        claimed: set[int] = set()
        try:
            while not peer.closing:
                data = await peer.channel.recv()
                if peer.closing:
                    return
                self._check_frame(data)
                # Over its budget the connection waits here: nothing more is read from it (TCP
                # pushes back on the client) until the budget has refilled. Never a close.
                await throttle.wait(len(data))
                if peer.closing:
                    return
                await self._handle(peer, document, parse_frame(data), claimed)
        except ChannelClosed:
            peer.gone()
        except ProtocolError as error:
            peer.close(error.code, error.reason)
        except UpdateRejected:
            peer.close(CloseCode.UPDATE_REJECTED, "update could not be applied")
        except DocumentTooLarge:
            peer.close(CloseCode.DOCUMENT_TOO_LARGE, "document size limit reached")
        except ClientIdTaken as refused:
            peer.close(CloseCode.FORBIDDEN, str(refused))

    def _check_frame(self, data: bytes) -> None:
        if len(data) > self.limits.max_frame_bytes:
            raise ProtocolError("frame too large", CloseCode.FRAME_TOO_LARGE)

    async def _handle(
        self, peer: Peer, document: LiveDocument, message: Message, claimed: set[int]
    ) -> None:
        if isinstance(message, SyncStep1):
            peer.send(create_sync_step2_message(_diff(document, message.state_vector)))
        elif isinstance(message, SyncStep2 | SyncUpdate):
            if isinstance(message, SyncStep2):
                peer.answered()
            await self._accept_update(peer, document, message.update, claimed)
        elif isinstance(message, AwarenessMessage):
            entries = decode_awareness_update(
                message.update,
                max_state_bytes=self.limits.awareness.state_bytes,
                max_depth=self.limits.awareness.depth,
            )
            for claim in document.awareness_from_peer(peer, entries):
                await self._settle_claim(peer, document, claim)
        elif isinstance(message, QueryAwareness):
            frame = document.awareness_snapshot_frame()
            if frame is not None:
                peer.send(frame)

    async def _settle_claim(self, peer: Peer, document: LiveDocument, claim: Claim) -> None:
        """`peer` announced a client id another connection of its user holds: the provider's
        new socket if the holder is a dead one (a silent network drop), else an echo or a
        refusal. Blocks this connection's input for at most the probe time."""
        probe = document.state_vector_frame()
        if await claim.holder.answers(probe, within_s=self.limits.liveness_probe_s):
            if claim.newer:
                raise AwarenessRefused(
                    f"awareness client id {claim.entry.client_id} belongs to another connection",
                    CloseCode.FORBIDDEN,
                )
            return  # an echo of the holder's state
        claim.holder.close(CloseCode.GOING_AWAY, "replaced by the same client's newer connection")
        document.hand_over(claim, peer)

    async def _accept_update(
        self, peer: Peer, document: LiveDocument, update: bytes, claimed: set[int]
    ) -> None:
        """Apply, store and relay a client's update, once the room's byte budget allows it."""
        # Without write rights the update is dropped: never applied, stored or relayed.
        if not peer.access.can_write:
            return
        await self._room_budgets.of(document.key.room_id).wait(len(update))
        # The connection may have closed, or lost its rights, while it waited.
        if peer.closing or not peer.access.can_write:
            return
        structs = read_structs(update)
        owners = await self._check_client_ids(peer, document, structs, claimed)
        if owners is None or peer.closing or not peer.access.can_write:
            return
        refuse_dangling(
            structs.references,
            own=lambda client_id: owners.owned_by(client_id, peer.user_id),
            known=document.known_clocks,
        )
        document.accept_local(update, origin=peer, actor_id=peer.user_id)

    async def _check_client_ids(
        self, peer: Peer, document: LiveDocument, structs: UpdateStructs, claimed: set[int]
    ) -> ClientIdOwners | None:
        """Refuse (ClientIdTaken) new items under a client id someone else owns; claim new ids.
        The document's owners, or None when the connection was closed instead."""
        owners = self._owners.get(document.key)
        if owners is None:
            # Only while the server stops: the client resends the update when it reconnects.
            peer.close(CloseCode.GOING_AWAY, "server shutting down")
            return None
        try:
            await owners.admit(
                structs.ranges,
                peer.user_id,
                state=document.known_clocks.current,
                claimed=claimed,
                announced_by_another=partial(
                    document.awareness.announced_by_another_user, user_id=peer.user_id
                ),
            )
        except ClaimUnavailable:
            logger.exception("claiming Yjs client ids in %s failed", document.key)
            peer.close(CloseCode.INTERNAL_ERROR, "the update could not be checked")
            return None
        return owners


def _diff(document: LiveDocument, state_vector: bytes) -> bytes:
    check_state_vector(state_vector)
    try:
        return document.doc.get_update(state_vector)
    except ValueError as exc:
        raise ProtocolError("malformed state vector") from exc
