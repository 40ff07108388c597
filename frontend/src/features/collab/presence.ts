/** Who is in the room: the members list merged with the live awareness states. */

import type { Activity } from "./hooks/use-activity";
import { type AwarenessState, safeColor } from "./remote-cursors";

// The server's palette (Okabe & Ito, colour-blind safe), indexed by Membership.color_index.
export const PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999"];

export type PresenceMember = { user_id: string; display_name: string; role: string; color_index: number };

export type PresenceEntry = {
  userId: string;
  name: string;
  role: string;
  color: string;
  connected: boolean;
  activity: Activity | "offline";
  isMe: boolean;
};

const ACTIVITY_RANK: Record<PresenceEntry["activity"], number> = { active: 0, idle: 1, away: 2, offline: 3 };
const ROLE_RANK: Record<string, number> = { owner: 0, interviewer: 1, candidate: 2, observer: 3 };

function activityOf(state: AwarenessState): Activity {
  const value = state.activity;
  return value === "idle" || value === "away" ? value : "active";
}

function mostActive(a: Activity, b: Activity): Activity {
  return ACTIVITY_RANK[a] <= ACTIVITY_RANK[b] ? a : b;
}

export function presenceEntries(
  members: PresenceMember[],
  states: Map<number, AwarenessState>,
  myUserId: string | undefined,
): PresenceEntry[] {
  const live = new Map<string, { activity: Activity; color: string; name?: string }>();
  for (const state of states.values()) {
    const id = state.user?.id;
    if (typeof id !== "string") continue;
    const known = live.get(id);
    const activity = known ? mostActive(known.activity, activityOf(state)) : activityOf(state);
    const name = typeof state.user?.name === "string" ? state.user.name : undefined;
    live.set(id, { activity, color: safeColor(state.user?.color), ...(name ? { name } : {}) });
  }
  const entries: PresenceEntry[] = members.map((member) => {
    const here = live.get(member.user_id);
    return {
      userId: member.user_id,
      name: member.display_name,
      role: member.role,
      color: here?.color ?? PALETTE[member.color_index % PALETTE.length] ?? "#999999",
      connected: here !== undefined,
      activity: here?.activity ?? "offline",
      isMe: member.user_id === myUserId,
    };
  });
  // Someone connected who joined after our members list was loaded.
  for (const [userId, here] of live) {
    if (members.some((m) => m.user_id === userId)) continue;
    entries.push({
      userId,
      name: here.name ?? "Someone",
      role: "member",
      color: here.color,
      connected: true,
      activity: here.activity,
      isMe: userId === myUserId,
    });
  }
  return entries.sort(
    (a, b) =>
      Number(b.connected) - Number(a.connected) ||
      (ROLE_RANK[a.role] ?? 9) - (ROLE_RANK[b.role] ?? 9) ||
      a.name.localeCompare(b.name),
  );
}
