import type { Schemas } from "@/lib/api-client";

export type ProblemSummary = Schemas["ProblemSummary"];
export type SampleTest = Schemas["SampleTest"];
export type Problem = Schemas["ProblemPublic"];
/** One test's result; a hidden test (`visible: false`) carries no data for most accounts. */
export type TestVerdict = Schemas["TestResultPublic"];
export type Submission = Schemas["SubmissionResult"];
