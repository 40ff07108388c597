import { api, data } from "@/lib/api-client";

import type { Room } from "../types";

export function joinRoom(inviteToken: string): Promise<Room> {
  // With the caller's token the answer is the room (a guest join answers GuestJoined instead).
  return data(api.paths.POST("/api/rooms/join", { body: { invite_token: inviteToken } })) as Promise<Room>;
}
