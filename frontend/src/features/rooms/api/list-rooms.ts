import { api } from "@/lib/api-client";

import type { Room } from "../types";

export function listRooms(): Promise<Room[]> {
  return api.get<Room[]>("/api/rooms");
}
