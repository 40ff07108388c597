import { useQuery } from "@tanstack/react-query";

import { ApiError } from "@/lib/api-client";
import { useCapabilities } from "@/lib/capabilities";
import { FALLBACK_LANGUAGES, type LanguageOption } from "@/lib/languages";

import { getLanguages } from "../api/get-languages";

/**
 * The languages this server runs. `runnable` is false when the server has no execution service
 * (the endpoint is missing) or can run nothing; the picker then offers the usual languages.
 */
export type RunMode = "room" | "direct" | null;

/**
 * How this server runs a room's code: `room` through `POST /api/rooms/{id}/runs` (the server reads
 * the live document and shows the result to the room), `direct` through `POST /api/executions`
 * with the code this tab has (the tab then shows the result to the room), or not at all.
 */
export function useLanguages(): { options: LanguageOption[]; runnable: boolean; runMode: RunMode; loading: boolean } {
  const capabilities = useCapabilities();
  const query = useQuery({
    queryKey: ["languages"],
    enabled: capabilities.has("get", "/api/languages"),
    queryFn: getLanguages,
    staleTime: 5 * 60_000,
    retry: (count, error) => !(error instanceof ApiError && error.isMissingEndpoint) && count < 2,
  });
  const languages = query.data ?? [];
  if (languages.length === 0) {
    return { options: FALLBACK_LANGUAGES, runnable: false, runMode: null, loading: capabilities.loading || query.isLoading };
  }
  return {
    options: languages.map((l) => ({
      id: l.id,
      name: l.version ? `${l.name} ${l.version}` : l.name,
      version: l.version,
      ...(l.monaco ? { monaco: l.monaco } : {}),
    })),
    ...runModeOf(capabilities.has),
    loading: false,
  };
}

function runModeOf(has: (method: string, path: string) => boolean): { runnable: boolean; runMode: RunMode } {
  if (has("post", "/api/rooms/{id}/runs")) return { runnable: true, runMode: "room" };
  if (has("post", "/api/executions")) return { runnable: true, runMode: "direct" };
  return { runnable: false, runMode: null };
}
