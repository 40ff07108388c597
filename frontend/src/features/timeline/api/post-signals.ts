import { ApiError, api } from "@/lib/api-client";

import type { Signal, Transport } from "../client-signals";

/** Where the web app reports browser signals (see client-signals.ts); null when the server has no such endpoint. */
export function signalsPath(roomId: string, has: (method: string, path: string) => boolean): string | null {
  if (has("post", "/api/rooms/{id}/signals")) return `/api/rooms/${encodeURIComponent(roomId)}/signals`;
  return null;
}

/** One signal per request, in the server's `SignalCreate` shape. */
export function postSignal(path: string | null): Transport {
  return async (signal: Signal) => {
    if (path === null) return "missing";
    try {
      await api.post(path, signal);
      return "ok";
    } catch (error) {
      if (error instanceof ApiError && error.isMissingEndpoint) return "missing";
      if (error instanceof ApiError && error.status < 500 && error.status !== 429) return "ok"; // refused (e.g. 422): drop it
      return "retry";
    }
  };
}
