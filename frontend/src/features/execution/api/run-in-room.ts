import { api, data } from "@/lib/api-client";

import type { ExecutionResult } from "../types";

/** Run the room's current code with `stdin`, or without it the room's shared stdin; the server
 * shows the result (and the stdin it used) to the whole room too. */
export function runInRoom(roomId: string, stdin?: string): Promise<ExecutionResult> {
  const body = stdin === undefined ? {} : { stdin };
  return data(api.paths.POST("/api/rooms/{room_id}/runs", { params: { path: { room_id: roomId } }, body }));
}
