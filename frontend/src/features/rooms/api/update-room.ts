import { api, data } from "@/lib/api-client";

import type { Room } from "../types";

type RoomSettings = { accounts_required?: boolean; candidate_replay?: boolean };

/** Change the room's settings; a setting left out stays as it is. */
function updateRoom(roomId: string, settings: RoomSettings): Promise<Room> {
  return data(api.paths.PATCH("/api/rooms/{room_id}", { params: { path: { room_id: roomId } }, body: settings }));
}

/** Whether joining needs an account (the owner and interviewers decide). */
export function setAccountsRequired(roomId: string, accountsRequired: boolean): Promise<Room> {
  return updateRoom(roomId, { accounts_required: accountsRequired });
}

/** Whether candidates may replay their own session (the owner decides). */
export function setCandidateReplay(roomId: string, enabled: boolean): Promise<Room> {
  return updateRoom(roomId, { candidate_replay: enabled });
}
