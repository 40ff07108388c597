/**
 * One live document of a room over y-websocket: the Y.Doc, its provider and awareness, the access
 * token kept current in the connection URL, and a silent re-login when the server says the token
 * expired (close code 4401).
 *
 * A room has three documents: `code` (`/ws/rooms/{id}`, edited by everyone with write rights),
 * `notes` (`/notes`, the interviewers' private notes) and `state` (`/state`: runs, verdicts and
 * chat, which only the server writes; this app only reads it).
 */

import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";

import { api } from "@/lib/api-client";
import { sessionStore } from "@/lib/session-store";
import { websocketBase } from "@/lib/urls";

import { type ConnectionEvent } from "./connection-state";

export type DocumentName = "code" | "notes" | "state";

export class RoomConnection {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private readonly unsubscribe: () => void;
  private readonly listeners = new Set<(event: ConnectionEvent) => void>();
  private retriedAuth = false;

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
      if (status === "connected") this.retriedAuth = false;
      this.emit({ type: "status", status });
    });
    this.provider.on("sync", (synced: boolean) => this.emit({ type: "synced", synced }));
    this.provider.on("closed", ({ code }) => void this.onRefused(code));
    this.doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (origin !== this.provider) this.emit({ type: "local-edit" });
    });
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
