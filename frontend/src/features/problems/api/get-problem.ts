import { api } from "@/lib/api-client";

import { toProblem } from "../normalize";
import type { Problem } from "../types";

export async function getProblem(problemId: string): Promise<Problem> {
  return toProblem(await api.get<Record<string, unknown>>(`/api/problems/${encodeURIComponent(problemId)}`));
}
