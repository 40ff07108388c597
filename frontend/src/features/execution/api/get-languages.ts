import { api } from "@/lib/api-client";

import type { Language } from "../types";

export function getLanguages(): Promise<Language[]> {
  return api.get<Language[]>("/api/languages");
}
