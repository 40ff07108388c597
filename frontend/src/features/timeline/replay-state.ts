/** The replay endpoint's answer, read tolerantly: the room as it was at one moment. */

export type ReplayCursor = { userId: string | null; name: string; color: string; anchor: number; head: number };

export type ReplayRun = {
  status: string;
  stdout: string;
  stderr: string;
  compile_output: string | null;
  time_ms: number | null;
  memory_kb: number | null;
};

export type ReplayState = {
  atMs: number;
  code: string;
  language: string;
  /** The session's length when the server reports it. */
  durationMs: number | null;
  cursors: ReplayCursor[];
  present: string[];
  lastRun: ReplayRun | null;
  lastVerdict: { verdict: string; passed: number | null; total: number | null } | null;
};

type Json = Record<string, unknown>;
const str = (v: unknown, fallback = ""): string => (typeof v === "string" ? v : fallback);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Json | null => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : null);

function toCursor(raw: Json): ReplayCursor | null {
  const cursor = obj(raw.cursor) ?? obj(raw.selection) ?? raw;
  const anchor = num(cursor.anchor) ?? num(cursor.index) ?? num(cursor.offset);
  const head = num(cursor.head) ?? anchor;
  if (anchor === null || head === null) return null;
  const user = obj(raw.user) ?? raw;
  return {
    userId: typeof user.id === "string" ? user.id : typeof raw.user_id === "string" ? raw.user_id : null,
    name: str(user.name, str(raw.display_name, "Someone")),
    color: str(user.color, "#999999"),
    anchor,
    head,
  };
}

function toRun(raw: unknown): ReplayRun | null {
  const r = obj(raw);
  const result = obj(r?.result) ?? r;
  if (result === null || typeof result.status !== "string") return null;
  return {
    status: result.status,
    stdout: str(result.stdout),
    stderr: str(result.stderr),
    compile_output: typeof result.compile_output === "string" ? result.compile_output : null,
    time_ms: num(result.time_ms),
    memory_kb: num(result.memory_kb),
  };
}

/**
 * The server's `present` entries (`{user_id, name, color, cursors: [{anchor: {index}, head: {index}}]}`)
 * flattened into one cursor each, as older shapes (`cursors`/`participants`) give them.
 */
function presentCursors(people: unknown[]): Json[] {
  const flat: Json[] = [];
  for (const person of people) {
    const p = obj(person);
    if (p === null) continue;
    if (!Array.isArray(p.cursors)) {
      flat.push(p);
      continue;
    }
    for (const raw of p.cursors) {
      const c = obj(raw);
      const anchor = num(obj(c?.anchor)?.index) ?? num(c?.anchor);
      const head = num(obj(c?.head)?.index) ?? num(c?.head) ?? anchor;
      if (anchor !== null) flat.push({ user_id: p.user_id, name: p.name, color: p.color, anchor, head });
    }
  }
  return flat;
}

export function toReplayState(raw: unknown, atMs: number): ReplayState {
  const r = obj(raw) ?? {};
  const people = Array.isArray(r.cursors) ? r.cursors : Array.isArray(r.participants) ? r.participants : Array.isArray(r.present) ? r.present : [];
  const verdict = obj(r.last_verdict) ?? obj(r.last_submission);
  return {
    atMs: num(r.at_ms) ?? atMs,
    code: str(r.code),
    language: str(r.language, "plaintext"),
    durationMs: num(r.duration_ms) ?? num(r.session_duration_ms) ?? num(r.end_ms),
    cursors: presentCursors(people).map(toCursor).filter((c): c is ReplayCursor => c !== null),
    present: people
      .map((p) => obj(p))
      .filter((p): p is Json => p !== null)
      .map((p) => str(obj(p.user)?.name, str(p.name, str(p.display_name))))
      .filter(Boolean),
    lastRun: toRun(r.last_run ?? r.run),
    lastVerdict: verdict ? { verdict: str(verdict.verdict, "judged"), passed: num(verdict.passed), total: num(verdict.total) } : null,
  };
}
