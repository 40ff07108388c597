import { api } from "@/lib/api-client";

import type { Room } from "../types";

export type RoomCreateInput = { title: string; language: string; problem_id?: string | null };

export function createRoom(input: RoomCreateInput): Promise<Room> {
  const body = input.problem_id ? input : { title: input.title, language: input.language };
  return api.post<Room>("/api/rooms", body);
}
