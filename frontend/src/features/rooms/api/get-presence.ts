import { api } from "@/lib/api-client";

export type MemberPresence = {
  user_id: string;
  display_name: string;
  role: string;
  color: string;
  connected: boolean;
  last_seen_at: string | null;
  last_active_at: string | null;
};

export type RoomPresence = { room_id: string; members: MemberPresence[] };

export function getPresence(roomId: string): Promise<RoomPresence> {
  return api.get<RoomPresence>(`/api/rooms/${encodeURIComponent(roomId)}/presence`);
}
