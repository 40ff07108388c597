import { api, data } from "@/lib/api-client";

import type { Room } from "../types";

/** Change the room's settings (owner and interviewers). */
export function setAccountsRequired(roomId: string, accountsRequired: boolean): Promise<Room> {
  return data(api.paths.PATCH("/api/rooms/{room_id}", { params: { path: { room_id: roomId } }, body: { accounts_required: accountsRequired } }));
}
