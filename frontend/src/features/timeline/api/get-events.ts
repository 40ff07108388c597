import { api } from "@/lib/api-client";

import { type SessionEvent, eventsOf } from "../events";

export const EVENTS_PAGE = 1000;
/** A bound on what the browser loads for charts and markers (about a long session's worth). */
export const MAX_EVENTS = 200_000;

/** One page of the room's log, after `afterSeq`. */
export async function getEventsPage(roomId: string, afterSeq: number, limit = EVENTS_PAGE): Promise<SessionEvent[]> {
  const query = new URLSearchParams({ after_seq: String(afterSeq), limit: String(limit) });
  return eventsOf(await api.get<unknown>(`/api/rooms/${encodeURIComponent(roomId)}/events?${query}`));
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
