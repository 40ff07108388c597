/**
 * The room connection as the user sees it, folded from the provider's events: connected,
 * (re)connecting, offline, or refused by the server — and whether local edits have not reached
 * the server yet.
 */

export type Phase = "connecting" | "connected" | "reconnecting" | "offline" | "refused";

export type ConnectionState = {
  phase: Phase;
  /** The server has answered our sync step 1 on the current connection. */
  synced: boolean;
  everConnected: boolean;
  /** Local edits the server has not acknowledged yet (see RoomConnection: a sync step 1 sent
   * after them has been answered), whether connected or not. */
  unsyncedEdits: number;
  browserOnline: boolean;
  closeCode: number | null;
};

export type ConnectionEvent =
  | { type: "status"; status: "connected" | "disconnected" | "connecting" }
  | { type: "synced"; synced: boolean }
  | { type: "local-edit" }
  /** The server answered a probe sent after all but `remaining` local edits. */
  | { type: "acked"; remaining: number }
  | { type: "refused"; code: number }
  | { type: "browser"; online: boolean };

export const initialConnection: ConnectionState = {
  phase: "connecting",
  synced: false,
  everConnected: false,
  unsyncedEdits: 0,
  browserOnline: true,
  closeCode: null,
};

function waitingPhase(state: ConnectionState): Phase {
  if (!state.browserOnline) return "offline";
  return state.everConnected ? "reconnecting" : "connecting";
}

export function connectionReducer(state: ConnectionState, event: ConnectionEvent): ConnectionState {
  switch (event.type) {
    case "status":
      if (state.phase === "refused" && event.status !== "connected") return state;
      if (event.status === "connected") {
        return { ...state, phase: "connected", everConnected: true, synced: false, closeCode: null };
      }
      return { ...state, synced: false, phase: waitingPhase(state) };
    case "synced":
      if (!event.synced) return { ...state, synced: false };
      // The server's answer to our sync step 1 does not prove it has our edits: only "acked" does.
      return state.phase === "connected" ? { ...state, synced: true } : state;
    case "local-edit":
      return { ...state, unsyncedEdits: state.unsyncedEdits + 1 };
    case "acked":
      return { ...state, unsyncedEdits: Math.min(state.unsyncedEdits, event.remaining) };
    case "refused":
      return { ...state, phase: "refused", synced: false, closeCode: event.code };
    case "browser": {
      const next = { ...state, browserOnline: event.online };
      if (next.phase === "refused") return next;
      // Going offline ends the connection at once (RoomConnection closes the socket too).
      if (!event.online) return { ...next, phase: "offline", synced: false };
      return next.phase === "connected" ? next : { ...next, phase: waitingPhase(next) };
    }
  }
}

export type Indicator = { tone: "green" | "amber" | "red"; label: string; detail: string };

const REFUSALS: Record<number, string> = {
  4401: "Your session expired. Log in again.",
  4403: "You no longer have access to this room.",
  4404: "This room does not exist or you are not a member.",
  4400: "The server refused a malformed message.",
  4413: "An edit was too large, or the document reached its size limit.",
  4422: "The server rejected an edit.",
};

export function indicator(state: ConnectionState): Indicator {
  const pending = state.unsyncedEdits;
  const unsynced = pending > 0 ? ` — ${pending} unsynced edit${pending === 1 ? "" : "s"}` : "";
  const count = pending > 0 ? ` (${pending} unsynced edit${pending === 1 ? "" : "s"})` : "";
  switch (state.phase) {
    case "connected":
      if (!state.synced) return { tone: "amber", label: "Syncing…", detail: `Catching up with the room${unsynced}` };
      return pending > 0
        ? { tone: "green", label: "Connected · Saving…", detail: `Waiting for the server to confirm ${pending} edit${pending === 1 ? "" : "s"}` }
        : { tone: "green", label: "Connected · Saved", detail: "All changes saved on the server" };
    case "connecting":
      return { tone: "amber", label: "Connecting…", detail: "Opening the room" };
    case "reconnecting":
      return { tone: "amber", label: `Reconnecting…${count}`, detail: "Connection lost; retrying. Edits are kept and sent on reconnect" };
    case "offline":
      return { tone: "red", label: `Offline${unsynced}`, detail: "Edits are kept and sent when you are back online" };
    case "refused":
      return {
        tone: "red",
        label: "Disconnected",
        detail: REFUSALS[state.closeCode ?? 0] ?? `The server closed the connection (${state.closeCode ?? "?"}).`,
      };
  }
}

/** Whether closing the tab now could lose edits. */
export function hasUnsyncedEdits(state: ConnectionState): boolean {
  return state.unsyncedEdits > 0;
}
