import { api, data } from "@/lib/api-client";

import type { Timeline } from "../timeline";

/** Activity buckets for the scrubber: enough that idle skipping stays close to the edits. */
export const TIMELINE_BUCKETS = 2000;

/** The session's start, end, activity per bucket and markers. */
export function getTimeline(roomId: string, buckets = TIMELINE_BUCKETS): Promise<Timeline> {
  return data(api.paths.GET("/api/rooms/{room_id}/timeline", { params: { path: { room_id: roomId }, query: { buckets } } }));
}
