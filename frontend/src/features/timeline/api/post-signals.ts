import { ApiError, api } from "@/lib/api-client";

import type { Signal, Transport } from "../client-signals";

/** The events endpoint the web app reports browser signals to (see client-signals.ts). */
export function signalsPath(roomId: string): string {
  return `/api/rooms/${encodeURIComponent(roomId)}/signals`;
}

export function postSignals(roomId: string): Transport {
  return async (signals: Signal[]) => {
    try {
      await api.post(signalsPath(roomId), { signals });
      return "ok";
    } catch (error) {
      if (error instanceof ApiError && (error.isMissingEndpoint || error.status === 422)) return "missing";
      if (error instanceof ApiError && error.status < 500 && error.status !== 429) return "ok"; // refused: drop
      return "retry";
    }
  };
}
