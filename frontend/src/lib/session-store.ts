/**
 * The signed-in session (tokens and user), persisted in localStorage and shared by every part of
 * the app through a tiny subscribe/notify store.
 */

import type { components } from "@/api/schema";

import { jwtExpiresAtMs } from "./jwt";

export type User = components["schemas"]["UserPublic"];

export type Session = {
  user: User;
  accessToken: string;
  refreshToken: string;
  /** When the access token stops working (epoch ms). */
  accessExpiresAt: number;
  /** When it was issued to us (epoch ms). */
  obtainedAt: number;
};

export type AuthResponse = components["schemas"]["AuthResponse"];
export type GuestJoined = components["schemas"]["GuestJoined"];

type Listener = (session: Session | null) => void;

export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const STORAGE_KEY = "codecollab.session";

export function sessionFromAuthResponse(body: AuthResponse, now = Date.now()): Session {
  const fromClaims = jwtExpiresAtMs(body.access_token);
  return {
    user: body.user,
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    accessExpiresAt: fromClaims ?? now + body.expires_in * 1000,
    obtainedAt: now,
  };
}

/**
 * A guest's session: one access token for one room, no refresh token (`refreshToken` is empty);
 * when the token ends (after the interview) the guest is signed out.
 */
export function sessionFromGuestJoin(body: GuestJoined, now = Date.now()): Session {
  return {
    user: body.user,
    accessToken: body.access_token,
    refreshToken: "",
    accessExpiresAt: jwtExpiresAtMs(body.access_token) ?? now + body.expires_in * 1000,
    obtainedAt: now,
  };
}

/** The room a guest's session is for, or null for an account. */
export function guestRoomId(session: Session | null): string | null {
  return session?.user.kind === "guest" ? (session.user.guest_room_id ?? null) : null;
}

export class SessionStore {
  private session: Session | null;
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storage: KeyValueStorage | null) {
    this.session = this.load();
  }

  get(): Session | null {
    return this.session;
  }

  set(session: Session | null): void {
    this.session = session;
    if (this.storage !== null) {
      if (session === null) this.storage.removeItem(STORAGE_KEY);
      else this.storage.setItem(STORAGE_KEY, JSON.stringify(session));
    }
    for (const listener of this.listeners) listener(session);
  }

  /** Adopt what another tab persisted (called on `storage` events and before refreshing). */
  reload(): Session | null {
    const stored = this.load();
    if (JSON.stringify(stored) !== JSON.stringify(this.session)) {
      this.session = stored;
      for (const listener of this.listeners) listener(stored);
    }
    return stored;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private load(): Session | null {
    const raw = this.storage?.getItem(STORAGE_KEY) ?? null;
    if (raw === null) return null;
    try {
      const parsed = JSON.parse(raw) as Session;
      return typeof parsed.refreshToken === "string" ? parsed : null;
    } catch {
      return null;
    }
  }
}

function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

export const sessionStore = new SessionStore(browserStorage());
