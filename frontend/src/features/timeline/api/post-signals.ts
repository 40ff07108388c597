import { ApiError, api, data } from "@/lib/api-client";

import type { Signal, Transport } from "../client-signals";

/** One signal per request, in the server's `SignalCreate` shape. */
export function postSignal(roomId: string): Transport {
  return async (signal: Signal) => {
    try {
      await data(api.paths.POST("/api/rooms/{room_id}/signals", { params: { path: { room_id: roomId } }, body: signal }));
      return "ok";
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return "missing"; // no such room (any more)
      if (error instanceof ApiError && error.status < 500 && error.status !== 429) return "ok"; // refused (e.g. 422): drop it
      return "retry";
    }
  };
}
