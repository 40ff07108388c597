import { useSyncExternalStore } from "react";

import {
  type AuthResponse,
  type GuestJoined,
  type Session,
  sessionFromAuthResponse,
  sessionFromGuestJoin,
  sessionStore,
} from "@/lib/session-store";

import { logout as logoutRequest } from "../api/logout";

export function useSession(): Session | null {
  return useSyncExternalStore(
    (listener) => sessionStore.subscribe(listener),
    () => sessionStore.get(),
  );
}

export function startSession(body: AuthResponse): void {
  sessionStore.set(sessionFromAuthResponse(body));
}

export function startGuestSession(body: GuestJoined): void {
  sessionStore.set(sessionFromGuestJoin(body));
}

/** Revoke the refresh token on the server (best effort) and forget the session here. */
export async function endSession(): Promise<void> {
  const session = sessionStore.get();
  if (session !== null && session.refreshToken !== "") {
    try {
      await logoutRequest(session.refreshToken);
    } catch {
      // offline or already revoked: signing out locally is what matters
    }
  }
  sessionStore.set(null);
}
