import type { Schemas } from "@/lib/api-client";

export type Rating = NonNullable<Schemas["ScoredItem"]["rating"]>;

/** The 4-point scale, weakest first, with the words the UI shows. */
export const RATINGS: { value: Rating; label: string }[] = [
  { value: "strong_no", label: "Strong no" },
  { value: "no", label: "No" },
  { value: "yes", label: "Yes" },
  { value: "strong_yes", label: "Strong yes" },
];

export function ratingLabel(rating: Rating | null | undefined): string {
  return RATINGS.find((r) => r.value === rating)?.label ?? "Not rated";
}

/** A replay moment as mm:ss ("01:05"); minutes past 99 as they are. */
export function formatMoment(atMs: number): string {
  const seconds = Math.floor(Math.max(0, atMs) / 1000);
  return `${String(Math.floor(seconds / 60)).padStart(2, "0")}:${String(seconds % 60).padStart(2, "0")}`;
}

/** "mm:ss" (or "m:ss", "mmm:ss") → milliseconds; "" → null; anything else → undefined (invalid). */
export function parseMoment(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const match = /^(\d{1,4}):([0-5]\d)$/.exec(trimmed);
  if (!match) return undefined;
  return (Number(match[1]) * 60 + Number(match[2])) * 1000;
}

/** Where a remark's moment opens in the replay. */
export function replayHref(roomId: string, atMs: number): string {
  return `/rooms/${encodeURIComponent(roomId)}/replay?t=${Math.round(atMs)}`;
}
