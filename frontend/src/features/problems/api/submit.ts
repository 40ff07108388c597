import { api } from "@/lib/api-client";

import { toSubmission } from "../normalize";
import type { Submission } from "../types";

/** Judge the room's current code against its problem. */
export async function submitSolution(roomId: string): Promise<Submission> {
  return toSubmission(await api.post<Record<string, unknown>>(`/api/rooms/${encodeURIComponent(roomId)}/submissions`));
}
