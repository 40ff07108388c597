/**
 * The problem editor's state (what the form holds, as text) and the draft the API takes. Pure
 * functions, so the conversions are unit-tested apart from the page.
 */
import type { ComparisonMode, ProblemDraft, ProblemForEditing, ReferenceRejection } from "./types";

export type Difficulty = "easy" | "medium" | "hard";
export type TestRow = { name: string; visible: boolean; input: string; output: string };
export type StarterRow = { language: string; code: string };

export type EditorState = {
  slug: string;
  title: string;
  difficulty: Difficulty;
  tags: string;
  timeLimitMs: string;
  memoryLimitMb: string;
  comparison: ComparisonMode;
  statement: string;
  starters: StarterRow[];
  tests: TestRow[];
  referenceLanguage: string;
  referenceSource: string;
};

export const COMPARISONS: { id: ComparisonMode; label: string }[] = [
  { id: "whitespace", label: "Ignore trailing whitespace" },
  { id: "exact", label: "Exact" },
  { id: "tokens", label: "Tokens (numbers within tolerance)" },
  { id: "unordered_lines", label: "Lines in any order" },
  { id: "ordered_rows", label: "SQL result set, rows in order" },
  { id: "unordered_rows", label: "SQL result set, rows in any order" },
];

export function emptyTest(visible = false): TestRow {
  return { name: "", visible, input: "", output: "" };
}

export function emptyState(language = "python"): EditorState {
  return {
    slug: "",
    title: "",
    difficulty: "easy",
    tags: "",
    timeLimitMs: "2000",
    memoryLimitMb: "256",
    comparison: "whitespace",
    statement: "",
    starters: [],
    tests: [emptyTest(true)],
    referenceLanguage: language,
    referenceSource: "",
  };
}

/** A slug from a title: lowercase words joined by "-", at most 64 characters. */
export function slugFromTitle(title: string): string {
  return title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
}

export function parseTags(text: string): string[] {
  return [...new Set(text.split(",").map((tag) => slugFromTitle(tag)).filter((tag) => tag !== ""))];
}

function whole(text: string): number {
  const value = Number(text.trim());
  return Number.isInteger(value) ? value : Number.NaN;
}

export function draftFromState(state: EditorState): ProblemDraft {
  const starter: Record<string, string> = {};
  for (const row of state.starters) if (row.language) starter[row.language] = row.code;
  return {
    problem: {
      slug: state.slug.trim(),
      title: state.title.trim(),
      difficulty: state.difficulty,
      tags: parseTags(state.tags),
      time_limit_ms: whole(state.timeLimitMs),
      memory_limit_mb: whole(state.memoryLimitMb),
      comparison: state.comparison,
      float_tolerance: 0.000001,
      statement: state.statement,
      starter,
      tests: state.tests.map((test) => ({
        name: test.name.trim() || null,
        visible: test.visible,
        input: test.input,
        output: test.output,
      })),
    },
    reference: { language: state.referenceLanguage, source: state.referenceSource },
  };
}

export function stateFromProblem(saved: ProblemForEditing, language = "python"): EditorState {
  const { problem, reference } = saved;
  return {
    slug: problem.slug,
    title: problem.title,
    difficulty: problem.difficulty,
    tags: (problem.tags ?? []).join(", "),
    timeLimitMs: String(problem.time_limit_ms),
    memoryLimitMb: String(problem.memory_limit_mb),
    comparison: problem.comparison,
    statement: problem.statement,
    starters: Object.entries(problem.starter ?? {}).map(([lang, code]) => ({ language: lang, code })),
    tests: (problem.tests ?? []).map((test) => ({
      name: test.name ?? "",
      visible: test.visible,
      input: test.input ?? "",
      output: test.output ?? "",
    })),
    referenceLanguage: reference?.language ?? language,
    referenceSource: reference?.source ?? "",
  };
}

/** A save refused because the reference solution failed: the 422 body's `detail`, else null. */
export function rejectionOf(body: unknown): ReferenceRejection | null {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (detail && typeof detail === "object" && !Array.isArray(detail) && "failed_tests" in detail) {
    return detail as ReferenceRejection;
  }
  return null;
}
