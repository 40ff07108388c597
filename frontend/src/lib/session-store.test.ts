import { describe, expect, it } from "vitest";

import { jwtExpiresAtMs } from "./jwt";
import { type KeyValueStorage, SessionStore, guestRoomId, sessionFromAuthResponse, sessionFromGuestJoin } from "./session-store";

class MemoryStorage implements KeyValueStorage {
  data = new Map<string, string>();
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, value);
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
}

const user = { id: "u", email: "a@example.com", display_name: "Ann", is_admin: false, role: "member" as const, created_at: "", kind: "account" as const, guest_room_id: null };
const guest = { ...user, email: null, display_name: "Gus", kind: "guest" as const, guest_room_id: "room-1" };

describe("sessions", () => {
  it("keeps a guest's session without a refresh token, and knows their one room", () => {
    const storage = new MemoryStorage();
    const store = new SessionStore(storage);
    const room = {} as Parameters<typeof sessionFromGuestJoin>[0]["room"];
    const s = sessionFromGuestJoin({ room, user: guest, access_token: "opaque", token_type: "bearer", expires_in: 43_200, guest: true }, 1000);
    expect(s.refreshToken).toBe("");
    expect(s.accessExpiresAt).toBe(1000 + 43_200_000);
    store.set(s);
    expect(guestRoomId(new SessionStore(storage).get())).toBe("room-1");
    expect(guestRoomId(sessionFromAuthResponse({ user, access_token: "a", refresh_token: "r", token_type: "bearer", expires_in: 60 }, 0))).toBeNull();
  });

  it("reads the expiry from the token's claims", () => {
    const token = `h.${btoa(JSON.stringify({ exp: 2000 }))}.s`;
    expect(jwtExpiresAtMs(token)).toBe(2_000_000);
    expect(jwtExpiresAtMs("not a jwt")).toBeNull();
  });

  it("falls back to expires_in when the token has no readable expiry", () => {
    const s = sessionFromAuthResponse({ user, access_token: "opaque", refresh_token: "r", token_type: "bearer", expires_in: 900 }, 1000);
    expect(s.accessExpiresAt).toBe(1000 + 900_000);
  });

  it("persists and reloads the session", () => {
    const storage = new MemoryStorage();
    const store = new SessionStore(storage);
    const s = sessionFromAuthResponse({ user, access_token: "a", refresh_token: "r", token_type: "bearer", expires_in: 60 }, 0);
    store.set(s);
    expect(new SessionStore(storage).get()).toEqual(s);
    store.set(null);
    expect(new SessionStore(storage).get()).toBeNull();
  });

  it("adopts what another tab stored and tells subscribers", () => {
    const storage = new MemoryStorage();
    const store = new SessionStore(storage);
    const seen: (string | null)[] = [];
    store.subscribe((s) => seen.push(s?.accessToken ?? null));
    const other = new SessionStore(storage);
    other.set(sessionFromAuthResponse({ user, access_token: "b", refresh_token: "r", token_type: "bearer", expires_in: 60 }, 0));
    store.reload();
    expect(seen).toEqual(["b"]);
  });

  it("ignores garbage in storage", () => {
    const storage = new MemoryStorage();
    storage.setItem("codecollab.session", "{not json");
    expect(new SessionStore(storage).get()).toBeNull();
  });
});
