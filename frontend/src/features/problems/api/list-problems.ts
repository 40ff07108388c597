import { api } from "@/lib/api-client";

import { toSummaries } from "../normalize";
import type { ProblemSummary } from "../types";

export async function listProblems(): Promise<ProblemSummary[]> {
  return toSummaries(await api.get<unknown>("/api/problems"));
}
