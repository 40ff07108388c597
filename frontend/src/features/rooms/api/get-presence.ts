import { type Schemas, api, data } from "@/lib/api-client";

export type MemberPresence = Schemas["MemberPresencePublic"];
export type RoomPresence = Schemas["RoomPresencePublic"];

export function getPresence(roomId: string): Promise<RoomPresence> {
  return data(api.paths.GET("/api/rooms/{room_id}/presence", { params: { path: { room_id: roomId } } }));
}
