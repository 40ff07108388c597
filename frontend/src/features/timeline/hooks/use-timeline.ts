import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";

import { getAnalytics } from "../api/get-analytics";
import { getAllEvents } from "../api/get-events";
import { getReplay } from "../api/get-replay";
import { getTimeline } from "../api/get-timeline";
import type { ReplayState } from "../replay-state";
import { ApiError } from "@/lib/api-client";

/** The scrubber's summary: start, length, activity and markers. */
export function useTimeline(roomId: string) {
  return useQuery({ queryKey: ["timeline", roomId], queryFn: () => getTimeline(roomId), staleTime: 10_000, retry: retryUnlessRefused });
}

/** Retry a failed read twice, but never a refusal (4xx: asking again changes nothing). */
function retryUnlessRefused(count: number, error: Error): boolean {
  return count < 2 && !(error instanceof ApiError && error.status < 500);
}

/** The whole event log (the analytics page's typing charts). */
export function useEvents(roomId: string) {
  return useQuery({ queryKey: ["events", roomId], queryFn: () => getAllEvents(roomId), staleTime: 10_000 });
}

export function useAnalytics(roomId: string) {
  return useQuery({ queryKey: ["analytics", roomId], queryFn: () => getAnalytics(roomId) });
}

/**
 * The room's state at `atMs`, following a moving playhead: one request at a time, and when it
 * answers, a request for wherever the playhead is by then (latest wins, none pile up).
 */
export function useReplayState(roomId: string, atMs: number) {
  const [state, setState] = useState<ReplayState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const wanted = useRef(0);
  const busy = useRef(false);
  const loaded = useRef<number | null>(null);
  const mounted = useRef(true);
  wanted.current = Math.round(atMs / 50) * 50;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (busy.current || loaded.current === wanted.current) return;
    busy.current = true;
    const load = async () => {
      try {
        while (mounted.current && loaded.current !== wanted.current) {
          const at = wanted.current;
          const next = await getReplay(roomId, at);
          if (!mounted.current) return;
          loaded.current = at;
          setState(next);
          setError(null);
        }
      } catch (err) {
        if (mounted.current) setError(err);
      } finally {
        busy.current = false;
      }
    };
    void load();
  }, [roomId, atMs]);

  return { state, error };
}
