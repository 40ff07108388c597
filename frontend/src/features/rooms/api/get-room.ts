import { api } from "@/lib/api-client";

import type { Room } from "../types";

export function getRoom(roomId: string): Promise<Room> {
  return api.get<Room>(`/api/rooms/${encodeURIComponent(roomId)}`);
}
