/**
 * Which optional parts of the API this server has (execution, problems, timeline…), read once from
 * its OpenAPI document, so the app never probes a missing endpoint (each probe would be a 404 in
 * the console) and hides what the server cannot do.
 */

import { useQuery } from "@tanstack/react-query";

export type Capabilities = { has: (method: string, path: string) => boolean; known: boolean };

type OpenApi = { paths?: Record<string, Record<string, unknown>> };

/** `/api/rooms/{room_id}/runs` → `/api/rooms/{}/runs`: parameter names do not matter. */
function template(path: string): string {
  return path.replace(/\{[^}]*\}/g, "{}");
}

export function capabilitiesFrom(document: OpenApi | null): Capabilities {
  if (document === null || typeof document.paths !== "object") {
    // Without the document, assume everything is there and let calls fail gracefully.
    return { has: () => true, known: false };
  }
  const operations = new Set<string>();
  for (const [path, methods] of Object.entries(document.paths)) {
    if (typeof methods !== "object" || methods === null) continue;
    for (const method of Object.keys(methods)) operations.add(`${method.toLowerCase()} ${template(path)}`);
  }
  return { known: true, has: (method, path) => operations.has(`${method.toLowerCase()} ${template(path)}`) };
}

async function fetchOpenApi(): Promise<OpenApi | null> {
  try {
    const response = await fetch("/openapi.json", { headers: { Accept: "application/json" } });
    return response.ok ? ((await response.json()) as OpenApi) : null;
  } catch {
    return null;
  }
}

export function useCapabilities(): Capabilities & { loading: boolean } {
  const query = useQuery({ queryKey: ["openapi"], queryFn: fetchOpenApi, staleTime: Infinity, gcTime: Infinity });
  if (query.isPending) return { has: () => false, known: false, loading: true };
  return { ...capabilitiesFrom(query.data ?? null), loading: false };
}
