import { api, data } from "@/lib/api-client";

import type { ProblemSummary } from "../types";

export function listProblems(): Promise<ProblemSummary[]> {
  return data(api.paths.GET("/api/problems"));
}
