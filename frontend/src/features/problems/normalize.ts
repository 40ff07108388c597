/** Tolerant readers for the problem bank's payloads (field names differ between versions). */

import type { Problem, ProblemSummary, SampleTest, Submission, TestVerdict } from "./types";

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

export function toSummary(raw: Json): ProblemSummary {
  const summary: ProblemSummary = { id: String(raw.id ?? raw.slug ?? ""), title: str(raw.title) ?? "Untitled problem" };
  const slug = str(raw.slug);
  const difficulty = str(raw.difficulty);
  if (slug) summary.slug = slug;
  if (difficulty) summary.difficulty = difficulty;
  if (Array.isArray(raw.tags)) summary.tags = raw.tags.filter((t): t is string => typeof t === "string");
  return summary;
}

function toSample(raw: Json): SampleTest {
  const sample: SampleTest = {
    input: str(raw.input) ?? str(raw.stdin) ?? "",
    output: str(raw.output) ?? str(raw.expected_output) ?? str(raw.expected) ?? "",
  };
  const explanation = str(raw.explanation);
  if (explanation) sample.explanation = explanation;
  return sample;
}

export function toProblem(raw: Json): Problem {
  const samplesRaw = raw.samples ?? raw.sample_tests ?? raw.examples ?? [];
  const problem: Problem = {
    ...toSummary(raw),
    statement: str(raw.statement) ?? str(raw.description) ?? "",
    samples: Array.isArray(samplesRaw) ? samplesRaw.filter((s): s is Json => typeof s === "object" && s !== null).map(toSample) : [],
  };
  const time = num(raw.time_limit_ms);
  const memory = num(raw.memory_limit_mb);
  if (time !== null) problem.time_limit_ms = time;
  if (memory !== null) problem.memory_limit_mb = memory;
  return problem;
}

/** A list answer may be a bare array or a page object ({items: [...]}). */
export function toSummaries(raw: unknown): ProblemSummary[] {
  const items = Array.isArray(raw) ? raw : ((raw as Json | null)?.items ?? (raw as Json | null)?.problems);
  return Array.isArray(items) ? items.filter((p): p is Json => typeof p === "object" && p !== null).map(toSummary) : [];
}

export function toSubmission(raw: Json): Submission {
  const tests = Array.isArray(raw.tests) ? raw.tests : [];
  const compile = str(raw.compile_output);
  return {
    ...(compile ? { compile_output: compile } : {}),
    verdict: str(raw.verdict) ?? "internal_error",
    passed: num(raw.passed) ?? 0,
    total: num(raw.total) ?? tests.length,
    tests: tests
      .filter((t): t is Json => typeof t === "object" && t !== null)
      .map((t, i): TestVerdict => {
        const verdict: TestVerdict = {
          index: i + 1, // shown 1-based in judging order (servers number from 0 or 1)
          verdict: str(t.verdict) ?? str(t.status) ?? "internal_error",
          hidden: t.hidden === true || t.visible === false,
          time_ms: num(t.time_ms),
          memory_kb: num(t.memory_kb),
        };
        const input = str(t.input);
        const expected = str(t.expected_output) ?? str(t.expected);
        const actual = str(t.actual_output) ?? str(t.stdout) ?? str(t.output);
        if (input !== undefined) verdict.input = input;
        if (expected !== undefined) verdict.expected_output = expected;
        if (actual !== undefined) verdict.actual_output = actual;
        return verdict;
      }),
  };
}

/** Case-insensitive match on title, slug, difficulty and tags. */
export function matchesQuery(problem: ProblemSummary, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const haystack = [problem.title, problem.slug, problem.difficulty, ...(problem.tags ?? [])].join(" ").toLowerCase();
  return q.split(/\s+/).every((word) => haystack.includes(word));
}
