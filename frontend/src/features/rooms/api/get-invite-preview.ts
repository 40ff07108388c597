import { api, data } from "@/lib/api-client";

import type { InvitePreview } from "../types";

/** What the invite page shows; public, so no token is sent. */
export function getInvitePreview(inviteToken: string): Promise<InvitePreview> {
  return data(api.anonymous.GET("/api/invites/{invite_token}", { params: { path: { invite_token: inviteToken } } }));
}
