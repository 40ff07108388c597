import { api } from "@/lib/api-client";

import type { Room } from "../types";

export function joinRoom(inviteToken: string): Promise<Room> {
  return api.post<Room>("/api/rooms/join", { invite_token: inviteToken });
}
