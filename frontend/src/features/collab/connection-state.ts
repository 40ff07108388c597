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
  /** Local edits made since the last completed sync that the server may not have. */
  unsyncedEdits: number;
  browserOnline: boolean;
  closeCode: number | null;
};

export type ConnectionEvent =
  | { type: "status"; status: "connected" | "disconnected" | "connecting" }
  | { type: "synced"; synced: boolean }
  | { type: "local-edit" }
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
      // Sync step 2 carries everything the server lacked: pending edits have now been sent.
      return state.phase === "connected" ? { ...state, synced: true, unsyncedEdits: 0 } : state;
    case "local-edit":
      if (state.phase === "connected" && state.synced) return state;
      return { ...state, unsyncedEdits: state.unsyncedEdits + 1 };
    case "refused":
      return { ...state, phase: "refused", synced: false, closeCode: event.code };
    case "browser": {
      const next = { ...state, browserOnline: event.online };
      return next.phase === "connected" || next.phase === "refused" ? next : { ...next, phase: waitingPhase(next) };
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
      return state.synced
        ? { tone: "green", label: "Connected", detail: "All changes saved" }
        : { tone: "amber", label: "Syncing…", detail: `Catching up with the room${unsynced}` };
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
