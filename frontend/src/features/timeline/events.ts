/**
 * The room's event log as the timeline needs it, read tolerantly (the log is a versioned public
 * format: unknown types and fields are kept or skipped, never fatal).
 */

export type SessionEvent = {
  seq: number;
  type: string;
  /** Epoch milliseconds. */
  ts: number;
  actorId: string | null;
  payload: Record<string, unknown>;
};

export type MarkerKind = "run" | "submission" | "paste" | "focus" | "join" | "leave" | "session";

export type Marker = { atMs: number; kind: MarkerKind; label: string; seq: number; actorId: string | null };

type Json = Record<string, unknown>;

function timestamp(raw: Json): number | null {
  for (const key of ["ts_ms", "ts", "at_ms", "timestamp_ms"]) {
    const value = raw[key];
    if (typeof value === "number" && Number.isFinite(value)) return value;
  }
  for (const key of ["at", "created_at", "timestamp", "ts"]) {
    const value = raw[key];
    if (typeof value === "string") {
      const parsed = Date.parse(value);
      if (!Number.isNaN(parsed)) return parsed;
    }
  }
  return null;
}

export function toEvent(raw: unknown): SessionEvent | null {
  if (typeof raw !== "object" || raw === null) return null;
  const r = raw as Json;
  const ts = timestamp(r);
  if (typeof r.type !== "string" || ts === null) return null;
  const actor = r.actor_id ?? (r.actor as Json | undefined)?.id ?? r.user_id ?? null;
  return {
    seq: typeof r.seq === "number" ? r.seq : 0,
    type: r.type,
    ts,
    actorId: typeof actor === "string" ? actor : null,
    payload: typeof r.payload === "object" && r.payload !== null ? (r.payload as Json) : {},
  };
}

/** A page of the log may be a bare list or an object holding one. */
export function eventsOf(page: unknown): SessionEvent[] {
  const items = Array.isArray(page) ? page : ((page as Json | null)?.events ?? (page as Json | null)?.items);
  return Array.isArray(items) ? items.map(toEvent).filter((e): e is SessionEvent => e !== null) : [];
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** What kind of timeline marker an event is, if any (edits and cursor moves are density, not markers). */
export function markerKind(type: string): MarkerKind | null {
  if (/^run\.(finished|failed|completed|result)$/.test(type) || type === "run") return "run";
  if (/^submission(\.|$)/.test(type) && !type.endsWith(".started")) return "submission";
  if (/paste/.test(type)) return "paste";
  if (/focus[._](lost|blur)|blur/.test(type)) return "focus";
  if (/(member\.joined|presence\.joined|\.join(ed)?$|^join$|connected$)/.test(type) && !/disconnected/.test(type)) return "join";
  if (/(left|leave|disconnected)$/.test(type)) return "leave";
  if (/^session\.(started|ended)$/.test(type)) return "session";
  return null;
}

function markerLabel(event: SessionEvent, kind: MarkerKind, name: (id: string | null) => string): string {
  const who = name(event.actorId ?? (typeof event.payload.user_id === "string" ? event.payload.user_id : null));
  const p = event.payload;
  switch (kind) {
    case "run": {
      const status = typeof p.status === "string" ? p.status : typeof (p.result as Json | undefined)?.status === "string" ? (p.result as Json).status : "finished";
      return `${who} ran the code: ${String(status).replace(/_/g, " ")}`;
    }
    case "submission": {
      const passed = num(p.passed);
      const total = num(p.total);
      const verdict = typeof p.verdict === "string" ? p.verdict.replace(/_/g, " ") : "judged";
      return `${who} submitted: ${verdict}${passed !== null && total !== null ? ` (${passed}/${total})` : ""}`;
    }
    case "paste":
      return `${who} pasted ${num(p.size) ?? num(p.characters) ?? "?"} characters`;
    case "focus":
      return `${who} left the tab`;
    case "join":
      return `${who} joined`;
    case "leave":
      return `${who} left`;
    case "session":
      return event.type === "session.ended" ? "Session ended" : "Session started";
  }
}

export function markersFrom(events: SessionEvent[], start: number, name: (id: string | null) => string): Marker[] {
  const markers: Marker[] = [];
  for (const event of events) {
    const kind = markerKind(event.type);
    if (kind === null) continue;
    markers.push({ atMs: event.ts - start, kind, label: markerLabel(event, kind, name), seq: event.seq, actorId: event.actorId });
  }
  return markers;
}

/** Is this event someone working (an edit, a run…), for density and idle skipping? */
export function isActivity(event: SessionEvent): boolean {
  return event.type === "doc.update" || markerKind(event.type) === "run" || markerKind(event.type) === "submission" || event.type.startsWith("chat");
}
