import { api, data } from "@/lib/api-client";

import type { Problem } from "../types";

export function getProblem(problemId: string): Promise<Problem> {
  return data(api.paths.GET("/api/problems/{problem_id}", { params: { path: { problem_id: problemId } } }));
}
