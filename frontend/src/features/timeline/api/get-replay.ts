import { api, data } from "@/lib/api-client";

import { type ReplayState, toReplayState } from "../replay-state";

/** The room as it was `atMs` milliseconds after the session began. */
export async function getReplay(roomId: string, atMs: number, signal?: AbortSignal): Promise<ReplayState> {
  const at = Math.max(0, Math.round(atMs));
  const query = { params: { path: { room_id: roomId }, query: { at_ms: at } }, ...(signal ? { signal } : {}) };
  return toReplayState(await data(api.paths.GET("/api/rooms/{room_id}/replay", query)));
}
