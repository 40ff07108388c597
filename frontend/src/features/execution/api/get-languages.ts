import { api, data } from "@/lib/api-client";

import type { Language } from "../types";

export function getLanguages(): Promise<Language[]> {
  return data(api.paths.GET("/api/languages"));
}
