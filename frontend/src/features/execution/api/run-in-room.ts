import { api, data } from "@/lib/api-client";

import type { ExecutionResult } from "../types";

/** Run the room's current code; the server shows the result to the whole room too. */
export function runInRoom(roomId: string, stdin: string): Promise<ExecutionResult> {
  return data(api.paths.POST("/api/rooms/{room_id}/runs", { params: { path: { room_id: roomId } }, body: { stdin } }));
}
