import { api } from "@/lib/api-client";

import type { ExecutionResult } from "../types";

export type ExecutionInput = { language: string; source: string; stdin: string };

/** Run a program in the sandbox (not tied to a room). */
export function execute(input: ExecutionInput): Promise<ExecutionResult> {
  return api.post<ExecutionResult>("/api/executions", input);
}
