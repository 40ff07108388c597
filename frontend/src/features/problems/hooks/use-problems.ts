import { useQuery } from "@tanstack/react-query";

import { getProblem } from "../api/get-problem";
import { listProblems } from "../api/list-problems";

/** The problem bank (`available` once it has loaded). */
export function useProblems() {
  const query = useQuery({ queryKey: ["problems"], queryFn: listProblems, staleTime: 60_000 });
  return { problems: query.data ?? [], available: query.isSuccess, loading: query.isLoading };
}

export function useProblem(problemId: string | null | undefined) {
  return useQuery({
    queryKey: ["problems", problemId],
    queryFn: () => getProblem(problemId ?? ""),
    enabled: Boolean(problemId),
    staleTime: 5 * 60_000,
  });
}
