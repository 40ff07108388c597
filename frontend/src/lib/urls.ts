/** Where the real-time endpoint is, seen from the page (same host; ws: or wss: like the page). */
export function websocketBase(location: { protocol: string; host: string }): string {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${location.host}/ws/rooms`;
}

/** The invite token in whatever the user pasted: a full invite link, a path, or the bare token. */
export function inviteTokenFrom(input: string): string | null {
  const text = input.trim();
  if (!text) return null;
  const match = /\/join\/([^/?#\s]+)/.exec(text);
  const token = match ? decodeURIComponent(match[1] ?? "") : text;
  return /^[A-Za-z0-9._~+-]+=*$/.test(token) ? token : null;
}

/** A `?next=` target only if it is a path on this site (no open redirect). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
