import { useQuery } from "@tanstack/react-query";

import { getRoom } from "../api/get-room";
import { listRooms } from "../api/list-rooms";

export const roomKeys = {
  all: ["rooms"] as const,
  one: (id: string) => ["rooms", id] as const,
};

export function useRooms() {
  return useQuery({ queryKey: roomKeys.all, queryFn: listRooms, refetchInterval: 30_000 });
}

/** The room as the caller sees it; polled so role changes and the end of the session show up. */
export function useRoom(roomId: string) {
  return useQuery({
    queryKey: roomKeys.one(roomId),
    queryFn: () => getRoom(roomId),
    refetchInterval: 10_000,
    retry: (count, error) => count < 2 && !(error instanceof Error && "status" in error && (error as { status: number }).status < 500),
  });
}
