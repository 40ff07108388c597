import { useQuery } from "@tanstack/react-query";

import { ApiError } from "@/lib/api-client";
import { useCapabilities } from "@/lib/capabilities";
import { FALLBACK_LANGUAGES, type LanguageOption } from "@/lib/languages";

import { getLanguages } from "../api/get-languages";

/**
 * The languages this server runs. `runnable` is false when the server has no execution service
 * (the endpoint is missing) or can run nothing; the picker then offers the usual languages.
 */
export function useLanguages(): { options: LanguageOption[]; runnable: boolean; loading: boolean } {
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
    return { options: FALLBACK_LANGUAGES, runnable: false, loading: capabilities.loading || query.isLoading };
  }
  return {
    options: languages.map((l) => ({ id: l.id, name: l.version ? `${l.name} ${l.version}` : l.name, version: l.version })),
    runnable: capabilities.has("post", "/api/rooms/{id}/runs"),
    loading: false,
  };
}
