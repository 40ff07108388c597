import { useQuery } from "@tanstack/react-query";

import { listApiKeys } from "../api/api-keys";

export const apiKeyKeys = { all: ["api-keys"] as const };

export function useApiKeys() {
  return useQuery({ queryKey: apiKeyKeys.all, queryFn: listApiKeys, retry: false });
}
