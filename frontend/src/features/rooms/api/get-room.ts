import { api, data } from "@/lib/api-client";

import type { Room } from "../types";

export function getRoom(roomId: string): Promise<Room> {
  return data(api.paths.GET("/api/rooms/{room_id}", { params: { path: { room_id: roomId } } }));
}
