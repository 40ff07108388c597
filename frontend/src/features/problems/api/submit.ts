import { api, data } from "@/lib/api-client";

import type { Submission } from "../types";

/** Judge the room's current code against its problem. */
export function submitSolution(roomId: string): Promise<Submission> {
  return data(api.paths.POST("/api/rooms/{room_id}/submissions", { params: { path: { room_id: roomId } } }));
}
