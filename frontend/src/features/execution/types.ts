export type ExecutionStatus =
  | "ok"
  | "runtime_error"
  | "time_limit_exceeded"
  | "memory_limit_exceeded"
  | "output_limit_exceeded"
  | "compilation_error"
  | "internal_error";

export type ExecutionResult = {
  status: ExecutionStatus | string;
  stdout: string;
  stderr: string;
  compile_output: string | null;
  exit_code: number | null;
  signal: number | string | null;
  time_ms: number | null;
  memory_kb: number | null;
  truncated: boolean;
};

export type Language = { id: string; name: string; version: string; monaco?: string };
