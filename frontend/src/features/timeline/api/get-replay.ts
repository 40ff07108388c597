import { api } from "@/lib/api-client";

import { type ReplayState, toReplayState } from "../replay-state";

/** The room as it was `atMs` milliseconds after the session began. */
export async function getReplay(roomId: string, atMs: number, signal?: AbortSignal): Promise<ReplayState> {
  const at = Math.max(0, Math.round(atMs));
  const body = await api.get<unknown>(`/api/rooms/${encodeURIComponent(roomId)}/replay?at_ms=${at}`, signal ? { signal } : {});
  return toReplayState(body, at);
}
