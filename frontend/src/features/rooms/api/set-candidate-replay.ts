import { api, data } from "@/lib/api-client";

import type { Room } from "../types";

/** The owner allows (or stops allowing) candidates to replay the session. */
export function setCandidateReplay(roomId: string, enabled: boolean): Promise<Room> {
  return data(api.paths.PUT("/api/rooms/{room_id}/candidate-replay", { params: { path: { room_id: roomId } }, body: { enabled } }));
}
