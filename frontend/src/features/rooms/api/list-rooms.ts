import { api, data } from "@/lib/api-client";

import type { Room } from "../types";

export function listRooms(): Promise<Room[]> {
  return data(api.paths.GET("/api/rooms"));
}
