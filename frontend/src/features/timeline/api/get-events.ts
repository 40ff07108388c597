import { type Schemas, api, data } from "@/lib/api-client";

export type SessionEvent = Schemas["EventPublic"];

export const EVENTS_PAGE = 1000;
/** A bound on what the browser loads for the typing charts (about a long session's worth). */
export const MAX_EVENTS = 200_000;

/** One page of the room's log, after `afterSeq`. */
export function getEventsPage(roomId: string, afterSeq: number, limit = EVENTS_PAGE): Promise<SessionEvent[]> {
  return data(api.paths.GET("/api/rooms/{room_id}/events", { params: { path: { room_id: roomId }, query: { after_seq: afterSeq, limit } } }));
}

/** The whole log (up to MAX_EVENTS), page by page in order. */
export async function getAllEvents(roomId: string): Promise<SessionEvent[]> {
  const events: SessionEvent[] = [];
  let after = 0;
  for (;;) {
    const page = await getEventsPage(roomId, after);
    events.push(...page);
    const last = page.at(-1);
    if (page.length < EVENTS_PAGE || last === undefined || last.seq <= after || events.length >= MAX_EVENTS) return events;
    after = last.seq;
  }
}
