/**
 * One live document of a room over y-websocket: the Y.Doc, its provider and awareness, the access
 * token kept current in the connection URL, and a silent re-login when the server says the token
 * expired (close code 4401).
 *
 * A room has three documents: `code` (`/ws/rooms/{id}`, edited by everyone with write rights),
 * `notes` (`/notes`, the interviewers' private notes) and `state` (`/state`: runs, verdicts and
 * chat, which only the server writes; this app only reads it).
 *
 * Acknowledgement and heartbeat. The y-websocket protocol has no "update received" message, but
 * the server handles one connection's messages in order and answers every sync step 1 with a sync
 * step 2. So a step 1 sent after some local edits is a probe: its answer proves the server took
 * those edits in. The connection sends one shortly after the user stops typing (and right after
 * each (re)sync), and "saved" is shown only once it is answered. The same probe is the
 * heartbeat: after 1 s without any message from the server one is sent, and
 * without any message 2.5 s later the socket is closed (y-websocket reconnects),
 * so a dead network shows as "Reconnecting" within about 4 s instead of 30.
 *
 * Presence after a reconnect: the server asks the provider to re-send its own state with a newer
 * clock (docs/collaboration.md, "Presence"), and the others' states come back with the server's
 * snapshot once their old clocks are forgotten (awareness-clocks.ts).
 */

import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

import { api } from "@/lib/api-client";
import { sessionStore } from "@/lib/session-store";
import { websocketBase } from "@/lib/urls";

import { forgetDepartedClocks } from "./awareness-clocks";
import { type ConnectionEvent } from "./connection-state";

export type DocumentName = "code" | "notes" | "state";

const PROBE_DEBOUNCE_MS = 200;
const PING_IDLE_MS = 1_000;
const DEAD_AFTER_MS = 2_500;
const HEARTBEAT_TICK_MS = 500;
const MESSAGE_SYNC = 0;
const SYNC_STEP_2 = 1;

export class RoomConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private readonly unsubscribe: () => void;
  private readonly listeners = new Set<(event: ConnectionEvent) => void>();
  private retriedAuth = false;
  /** Local edits so far, and how many of them the server has acknowledged. */
  private edits = 0;
  private acked = 0;
  /** Per step 1 sent on the current socket, oldest first: the edit count it covers (-1: the
   * provider's own step 1 on connect, which may go out before the edits it resends). */
  private probes: number[] = [];
  private probeTimer: ReturnType<typeof setTimeout> | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private lastMessageAt = 0;
  private socket: WebSocket | null = null;
  private readonly onOffline = () => this.provider.ws?.close();

  constructor(roomId: string, document: DocumentName = "code") {
    const name = document === "code" ? roomId : `${roomId}/${document}`;
    this.provider = new WebsocketProvider(websocketBase(window.location), name, this.doc, {
      params: { token: sessionStore.get()?.accessToken ?? "" },
      disableBc: true, // tabs must not exchange edits behind the server's back (observers)
      connect: false,
    });
    // Presence belongs to the code document; a reader of the state document has none to share.
    if (document === "state") this.provider.awareness.setLocalState(null);
    this.unsubscribe = sessionStore.subscribe((session) => {
      this.provider.params = { token: session?.accessToken ?? "" };
    });
    this.provider.on("status", ({ status }) => {
      if (status === "connected") {
        this.retriedAuth = false;
        this.watch(this.provider.ws);
      }
      // The others' states were just removed; their clocks must not hide them after reconnect.
      if (status === "disconnected") forgetDepartedClocks(this.provider.awareness);
      this.emit({ type: "status", status });
    });
    this.provider.on("sync", (synced: boolean) => {
      this.emit({ type: "synced", synced });
      if (synced && this.acked < this.edits) this.probe();
    });
    this.provider.on("closed", ({ code }) => void this.onRefused(code));
    this.doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) return;
      this.edits += 1;
      this.emit({ type: "local-edit" });
      if (this.probeTimer !== null) clearTimeout(this.probeTimer);
      this.probeTimer = setTimeout(() => {
        this.probeTimer = null;
        if (this.provider.synced) this.probe();
      }, PROBE_DEBOUNCE_MS);
    });
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_TICK_MS);
    window.addEventListener("offline", this.onOffline);
  }

  /** Follow a new socket's incoming messages: any message is a sign of life; a sync step 2
   * answers the oldest probe. */
  private watch(ws: WebSocket | null): void {
    if (ws === null || ws === this.socket) return;
    this.socket = ws;
    this.probes = [-1];
    this.lastMessageAt = Date.now();
    ws.addEventListener("message", (event: MessageEvent) => {
      if (ws !== this.socket) return;
      this.lastMessageAt = Date.now();
      const data = event.data;
      if (!(data instanceof ArrayBuffer)) return;
      const bytes = new Uint8Array(data);
      if (bytes[0] !== MESSAGE_SYNC || bytes[1] !== SYNC_STEP_2) return;
      const covered = this.probes.shift();
      if (covered !== undefined && covered > this.acked) {
        this.acked = covered;
        this.emit({ type: "acked", remaining: this.edits - this.acked });
      }
    });
  }

  /** Send a sync step 1 now; its answer acknowledges every edit made before it. */
  private probe(): void {
    const ws = this.provider.ws;
    if (!this.provider.wsconnected || ws === null || ws !== this.socket || ws.readyState !== WebSocket.OPEN) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.probes.push(this.edits);
    ws.send(encoding.toUint8Array(encoder));
  }

  private beat(): void {
    const ws = this.socket;
    if (!this.provider.wsconnected || ws === null || ws.readyState !== WebSocket.OPEN) return;
    const silent = Date.now() - this.lastMessageAt;
    if (silent > PING_IDLE_MS + DEAD_AFTER_MS) {
      ws.close(); // y-websocket sees the close, reports "disconnected" and reconnects
    } else if (silent > PING_IDLE_MS && this.probes.length === 0) {
      this.probe();
    }
  }

  get awareness() {
    return this.provider.awareness;
  }

  connect(): void {
    void api.freshAccessToken().finally(() => {
      this.provider.params = { token: sessionStore.get()?.accessToken ?? "" };
      this.provider.connect();
    });
  }

  on(listener: (event: ConnectionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  destroy(): void {
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    if (this.probeTimer !== null) clearTimeout(this.probeTimer);
    window.removeEventListener("offline", this.onOffline);
    this.unsubscribe();
    this.listeners.clear();
    this.provider.destroy();
    this.doc.destroy();
  }

  private async onRefused(code: number): Promise<void> {
    const session = sessionStore.get();
    if (code === 4401 && !this.retriedAuth && session !== null) {
      this.retriedAuth = true;
      if ((await api.refresh(session.accessToken)) !== null) {
        this.connect();
        return;
      }
    }
    this.emit({ type: "refused", code });
  }

  private emit(event: ConnectionEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
