import { api, data } from "@/lib/api-client";

import type { InvitableRole, InviteCreated } from "../types";

export function createInvite(roomId: string, role: InvitableRole): Promise<InviteCreated> {
  return data(api.paths.POST("/api/rooms/{room_id}/invites", { params: { path: { room_id: roomId } }, body: { role } }));
}
