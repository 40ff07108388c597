import { type Schemas, api, data } from "@/lib/api-client";

import type { Room } from "../types";

/** A new room; without a problem it starts with its language's template (`starter`). */
export type RoomCreateInput = Omit<Schemas["RoomCreate"], "starter">;

export function createRoom(input: RoomCreateInput): Promise<Room> {
  const body = input.problem_id
    ? { ...input, starter: "template" as const }
    : { title: input.title, language: input.language, starter: "template" as const };
  return data(api.paths.POST("/api/rooms", { body }));
}
