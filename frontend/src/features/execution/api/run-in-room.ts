import { api } from "@/lib/api-client";

import type { ExecutionResult } from "../types";

/** Run the room's current code; the server shows the result to the whole room too. */
export function runInRoom(roomId: string, stdin: string): Promise<ExecutionResult> {
  return api.post<ExecutionResult>(`/api/rooms/${encodeURIComponent(roomId)}/runs`, { stdin });
}
