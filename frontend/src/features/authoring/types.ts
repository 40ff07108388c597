import type { Schemas } from "@/lib/api-client";

export type ProblemDraft = Schemas["ProblemDraft"];
export type ProblemForEditing = Schemas["ProblemForEditing"];
export type ReferenceRejection = Schemas["ReferenceRejection"];
export type ComparisonMode = Schemas["ComparisonMode"];
