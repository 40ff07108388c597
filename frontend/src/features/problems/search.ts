import type { ProblemSummary } from "./types";

/** Case-insensitive match on title, slug, difficulty and tags. */
export function matchesQuery(problem: ProblemSummary, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const haystack = [problem.title, problem.slug, problem.difficulty, ...problem.tags].join(" ").toLowerCase();
  return q.split(/\s+/).every((word) => haystack.includes(word));
}
