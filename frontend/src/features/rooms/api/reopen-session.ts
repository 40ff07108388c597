import { api, data } from "@/lib/api-client";

import type { Room } from "../types";

/** The owner reopens an ended session: candidates write again. */
export function reopenSession(roomId: string): Promise<Room> {
  return data(api.paths.POST("/api/rooms/{room_id}/reopen", { params: { path: { room_id: roomId } } }));
}
