import type { Schemas } from "@/lib/api-client";

export type ExecutionStatus = Schemas["ExecutionPublic"]["status"];
/** What a run gives: `POST /api/rooms/{id}/runs`, and `result` in the state document's `run` map. */
export type ExecutionResult = Schemas["ExecutionPublic"];
export type Language = Schemas["LanguagePublic"];
