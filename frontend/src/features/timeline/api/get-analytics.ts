import { api } from "@/lib/api-client";

export function getAnalytics(roomId: string): Promise<Record<string, unknown>> {
  return api.get<Record<string, unknown>>(`/api/rooms/${encodeURIComponent(roomId)}/analytics`);
}
