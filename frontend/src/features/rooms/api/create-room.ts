import { type Schemas, api, data } from "@/lib/api-client";

import type { Room } from "../types";

export type RoomCreateInput = Schemas["RoomCreate"];

export function createRoom(input: RoomCreateInput): Promise<Room> {
  const body = input.problem_id ? input : { title: input.title, language: input.language };
  return data(api.paths.POST("/api/rooms", { body }));
}
