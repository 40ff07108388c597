import { useQuery } from "@tanstack/react-query";

import { getMyScorecard, getSummary, listScorecards, listTemplates } from "../api/scorecards";

export const scorecardKeys = {
  room: (roomId: string) => ["scorecards", roomId] as const,
  mine: (roomId: string) => ["scorecards", roomId, "me"] as const,
  summary: (roomId: string) => ["summary", roomId] as const,
  templates: ["scorecard-templates"] as const,
};

export function useMyScorecard(roomId: string) {
  return useQuery({ queryKey: scorecardKeys.mine(roomId), queryFn: () => getMyScorecard(roomId), retry: false });
}

export function useScorecards(roomId: string) {
  return useQuery({ queryKey: scorecardKeys.room(roomId), queryFn: () => listScorecards(roomId), retry: false, refetchInterval: 15_000 });
}

export function useSummary(roomId: string) {
  return useQuery({ queryKey: scorecardKeys.summary(roomId), queryFn: () => getSummary(roomId), retry: false });
}

export function useTemplates() {
  return useQuery({ queryKey: scorecardKeys.templates, queryFn: listTemplates, retry: false });
}
