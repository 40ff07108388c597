import { useQuery } from "@tanstack/react-query";

import { type LanguageOption, languageLabel } from "@/lib/languages";

import { getLanguages } from "../api/get-languages";

/**
 * The languages this server runs (`GET /api/languages`), as picker options. `runnable` is false
 * when the server can run none (no sandbox backend or no toolchain installed).
 */
export function useLanguages(): { options: LanguageOption[]; runnable: boolean; loading: boolean } {
  const query = useQuery({ queryKey: ["languages"], queryFn: getLanguages, staleTime: 5 * 60_000 });
  const languages = query.data ?? [];
  return {
    options: languages.map((l) => ({ id: l.id, name: languageLabel(l.name, l.version), version: l.version, monaco: l.monaco })),
    runnable: languages.length > 0,
    loading: query.isLoading,
  };
}
