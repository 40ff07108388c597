import { api } from "@/lib/api-client";

import type { InvitableRole, InviteCreated } from "../types";

export function createInvite(roomId: string, role: InvitableRole): Promise<InviteCreated> {
  return api.post<InviteCreated>(`/api/rooms/${encodeURIComponent(roomId)}/invites`, { role });
}
