import { api, data } from "@/lib/api-client";

import type { GuestJoined } from "../types";

/** Join without an account: the answer carries a token for that room alone. */
export function joinAsGuest(inviteToken: string, guestName: string): Promise<GuestJoined> {
  return data(api.anonymous.POST("/api/rooms/join", { body: { invite_token: inviteToken, guest_name: guestName } })) as Promise<GuestJoined>;
}
