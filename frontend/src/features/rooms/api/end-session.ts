import { api } from "@/lib/api-client";

import type { Room } from "../types";

export function endSession(roomId: string): Promise<Room> {
  return api.post<Room>(`/api/rooms/${encodeURIComponent(roomId)}/end`);
}
