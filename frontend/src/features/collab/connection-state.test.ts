import { describe, expect, it } from "vitest";

import { type ConnectionEvent, connectionReducer, hasUnsyncedEdits, indicator, initialConnection } from "./connection-state";

const run = (...events: ConnectionEvent[]) => events.reduce(connectionReducer, initialConnection);

describe("connection state", () => {
  it("is connected and saved once the first sync completes", () => {
    const state = run({ type: "status", status: "connecting" }, { type: "status", status: "connected" }, { type: "synced", synced: true });
    expect(indicator(state)).toMatchObject({ tone: "green", label: "Connected · Saved" });
  });

  it("reconnects after a drop and counts edits made meanwhile", () => {
    const state = run(
      { type: "status", status: "connected" },
      { type: "synced", synced: true },
      { type: "local-edit" },
      { type: "acked", remaining: 0 },
      { type: "status", status: "disconnected" },
      { type: "local-edit" },
      { type: "local-edit" },
    );
    expect(state.phase).toBe("reconnecting");
    expect(state.unsyncedEdits).toBe(2);
    expect(indicator(state).label).toBe("Reconnecting… (2 unsynced edits)");
    expect(hasUnsyncedEdits(state)).toBe(true);
  });

  it("clears unsynced edits only when the server has acknowledged them, not at sync", () => {
    const offline = run({ type: "status", status: "connected" }, { type: "synced", synced: true }, { type: "status", status: "disconnected" }, { type: "local-edit" });
    const reconnected = connectionReducer(offline, { type: "status", status: "connected" });
    expect(hasUnsyncedEdits(reconnected)).toBe(true);
    const synced = connectionReducer(reconnected, { type: "synced", synced: true });
    expect(hasUnsyncedEdits(synced)).toBe(true);
    expect(indicator(synced).label).toBe("Connected · Saving…");
    const acked = connectionReducer(synced, { type: "acked", remaining: 0 });
    expect(hasUnsyncedEdits(acked)).toBe(false);
    expect(indicator(acked).label).toBe("Connected · Saved");
  });

  it("keeps edits made after the acknowledged probe pending", () => {
    const state = run({ type: "status", status: "connected" }, { type: "synced", synced: true }, { type: "local-edit" }, { type: "local-edit" }, { type: "acked", remaining: 1 });
    expect(state.unsyncedEdits).toBe(1);
  });

  it("is offline at once when the browser goes offline, even while connected", () => {
    const state = run({ type: "status", status: "connected" }, { type: "synced", synced: true }, { type: "browser", online: false });
    expect(state.phase).toBe("offline");
    expect(indicator(state).tone).toBe("red");
  });

  it("says offline with the number of unsynced edits when the browser is offline", () => {
    const state = run({ type: "status", status: "connected" }, { type: "synced", synced: true }, { type: "browser", online: false }, { type: "status", status: "disconnected" }, { type: "local-edit" });
    expect(indicator(state)).toMatchObject({ tone: "red", label: "Offline — 1 unsynced edit" });
  });

  it("stays refused after the server closes with a 44xx code", () => {
    const state = run({ type: "status", status: "connected" }, { type: "refused", code: 4403 }, { type: "status", status: "disconnected" });
    expect(state.phase).toBe("refused");
    expect(indicator(state).detail).toMatch(/no longer have access/);
  });

  it("counts edits made while connected until the server acknowledges them", () => {
    const state = run({ type: "status", status: "connected" }, { type: "synced", synced: true }, { type: "local-edit" });
    expect(state.unsyncedEdits).toBe(1);
    expect(indicator(state).label).toBe("Connected · Saving…");
  });
});
