import { api, data } from "@/lib/api-client";

import type { Submission } from "../types";

/** Judge the room's current code against its problem: every test, or up to the first failing
 * one with `stopOnFirstFailure`. */
export function submitSolution(roomId: string, stopOnFirstFailure = false): Promise<Submission> {
  return data(
    api.paths.POST("/api/rooms/{room_id}/submissions", {
      params: { path: { room_id: roomId } },
      body: { stop_on_first_failure: stopOnFirstFailure },
    }),
  );
}
