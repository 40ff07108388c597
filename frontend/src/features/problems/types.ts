export type ProblemSummary = {
  id: string;
  slug?: string;
  title: string;
  difficulty?: string;
  tags?: string[];
};

export type SampleTest = { input: string; output: string; explanation?: string };

export type Problem = ProblemSummary & {
  statement: string;
  samples: SampleTest[];
  time_limit_ms?: number;
  memory_limit_mb?: number;
};

export type TestVerdict = {
  index: number;
  verdict: string;
  hidden: boolean;
  time_ms: number | null;
  memory_kb: number | null;
  input?: string;
  expected_output?: string;
  actual_output?: string;
};

export type Submission = { verdict: string; passed: number; total: number; tests: TestVerdict[]; compile_output?: string };
