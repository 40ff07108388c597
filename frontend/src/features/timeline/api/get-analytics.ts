import { type Schemas, api, data } from "@/lib/api-client";

export type Analytics = Schemas["AnalyticsPublic"];

export function getAnalytics(roomId: string): Promise<Analytics> {
  return data(api.paths.GET("/api/rooms/{room_id}/analytics", { params: { path: { room_id: roomId } } }));
}
