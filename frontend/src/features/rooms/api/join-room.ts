import { api, data } from "@/lib/api-client";

import type { Room } from "../types";

export function joinRoom(inviteToken: string): Promise<Room> {
  return data(api.paths.POST("/api/rooms/join", { body: { invite_token: inviteToken } }));
}
