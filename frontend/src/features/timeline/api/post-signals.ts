import { ApiError, api } from "@/lib/api-client";

import type { Signal, Transport } from "../client-signals";

/**
 * Where the web app reports browser signals (see client-signals.ts): the timeline's signals
 * endpoint, else a POST on the room's events endpoint; null when the server has neither.
 */
export function signalsPath(roomId: string, has: (method: string, path: string) => boolean): string | null {
  const room = `/api/rooms/${encodeURIComponent(roomId)}`;
  if (has("post", "/api/rooms/{id}/signals")) return `${room}/signals`;
  if (has("post", "/api/rooms/{id}/events")) return `${room}/events`;
  return null;
}

export function postSignals(path: string | null): Transport {
  return async (signals: Signal[]) => {
    if (path === null) return "missing";
    try {
      await api.post(path, { signals });
      return "ok";
    } catch (error) {
      if (error instanceof ApiError && (error.isMissingEndpoint || error.status === 422)) return "missing";
      if (error instanceof ApiError && error.status < 500 && error.status !== 429) return "ok"; // refused: drop
      return "retry";
    }
  };
}
