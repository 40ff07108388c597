import { Badge } from "@/components/ui/badge";

import type { PresenceEntry } from "../presence";

const ACTIVITY_LABEL: Record<PresenceEntry["activity"], string> = {
  active: "active",
  idle: "idle",
  away: "away",
  offline: "not here",
};

export function PresenceList({ entries }: { entries: PresenceEntry[] }) {
  return (
    <ul className="space-y-1.5" aria-label="Participants">
      {entries.map((entry) => (
        <li key={entry.userId} className="flex items-center gap-2 text-sm" data-testid="presence-entry">
          <span
            aria-hidden="true"
            className="inline-block h-3 w-3 shrink-0 rounded-full ring-2 ring-offset-1 ring-offset-white dark:ring-offset-slate-900"
            style={{
              backgroundColor: entry.connected ? entry.color : "transparent",
              ["--tw-ring-color" as string]: entry.color,
            }}
          />
          <span className={entry.connected ? "font-medium" : "text-slate-500 dark:text-slate-400"}>
            {entry.name}
            {entry.isMe && <span className="text-slate-500 dark:text-slate-400"> (you)</span>}
          </span>
          <span className="ml-auto flex items-center gap-1">
            <Badge className="capitalize">{entry.role}</Badge>
            <span className="w-14 text-right text-xs text-slate-500 dark:text-slate-400">{ACTIVITY_LABEL[entry.activity]}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}
