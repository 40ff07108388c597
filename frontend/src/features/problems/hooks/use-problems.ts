import { useQuery } from "@tanstack/react-query";

import { ApiError } from "@/lib/api-client";
import { useCapabilities } from "@/lib/capabilities";

import { getProblem } from "../api/get-problem";
import { listProblems } from "../api/list-problems";

const noRetryWhenMissing = (count: number, error: unknown) => !(error instanceof ApiError && error.isMissingEndpoint) && count < 2;

/** The problem bank; `available` is false when this server has none (the endpoint is missing). */
export function useProblems() {
  const capabilities = useCapabilities();
  const query = useQuery({
    queryKey: ["problems"],
    queryFn: listProblems,
    enabled: capabilities.has("get", "/api/problems"),
    staleTime: 60_000,
    retry: noRetryWhenMissing,
  });
  const missing = query.error instanceof ApiError && query.error.isMissingEndpoint;
  return { problems: query.data ?? [], available: query.isSuccess && !missing, loading: query.isLoading };
}

export function useProblem(problemId: string | null | undefined) {
  const capabilities = useCapabilities();
  return useQuery({
    queryKey: ["problems", problemId],
    queryFn: () => getProblem(problemId ?? ""),
    enabled: Boolean(problemId) && capabilities.has("get", "/api/problems/{id}"),
    staleTime: 5 * 60_000,
    retry: noRetryWhenMissing,
  });
}
