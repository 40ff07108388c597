import { api, data } from "@/lib/api-client";

import type { Room } from "../types";

export function endSession(roomId: string): Promise<Room> {
  return data(api.paths.POST("/api/rooms/{room_id}/end", { params: { path: { room_id: roomId } } }));
}
