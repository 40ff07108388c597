import { api, data } from "@/lib/api-client";

import type { InvitableRole, Member } from "../types";

export function changeRole(roomId: string, userId: string, role: InvitableRole): Promise<Member> {
  return data(
    api.paths.PATCH("/api/rooms/{room_id}/members/{user_id}", {
      params: { path: { room_id: roomId, user_id: userId } },
      body: { role },
    }),
  );
}
