import { api, data } from "@/lib/api-client";

import type { ProblemDraft, ProblemForEditing } from "../types";

export function getProblemForEditing(problemId: string): Promise<ProblemForEditing> {
  return data(api.paths.GET("/api/problems/{problem_id}/edit", { params: { path: { problem_id: problemId } } }));
}

export function createProblem(draft: ProblemDraft): Promise<ProblemForEditing> {
  return data(api.paths.POST("/api/problems", { body: draft }));
}

export function updateProblem(problemId: string, draft: ProblemDraft): Promise<ProblemForEditing> {
  return data(api.paths.PUT("/api/problems/{problem_id}", { params: { path: { problem_id: problemId } }, body: draft }));
}
