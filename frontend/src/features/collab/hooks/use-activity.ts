import { useEffect } from "react";
import type { Awareness } from "y-protocols/awareness";

export type Activity = "active" | "idle" | "away";
export const IDLE_AFTER_MS = 60_000;

/**
 * Publish this user's activity in the awareness state: `active` while typing, moving the cursor or
 * using the page; `idle` after a minute without input; `away` while the tab is hidden or unfocused.
 */
export function useActivity(awareness: Awareness | null | undefined): void {
  useEffect(() => {
    if (!awareness) return;
    let idleTimer = 0;
    const set = (activity: Activity) => {
      if (awareness.getLocalState()?.activity !== activity) awareness.setLocalStateField("activity", activity);
    };
    const active = () => {
      if (document.visibilityState === "hidden") return;
      set("active");
      window.clearTimeout(idleTimer);
      idleTimer = window.setTimeout(() => set("idle"), IDLE_AFTER_MS);
    };
    const away = () => set("away");
    const visibility = () => (document.visibilityState === "hidden" ? away() : active());
    active();
    const events = ["keydown", "pointerdown", "pointermove", "wheel"] as const;
    for (const name of events) window.addEventListener(name, active, { passive: true });
    window.addEventListener("focus", active);
    window.addEventListener("blur", away);
    document.addEventListener("visibilitychange", visibility);
    return () => {
      window.clearTimeout(idleTimer);
      for (const name of events) window.removeEventListener(name, active);
      window.removeEventListener("focus", active);
      window.removeEventListener("blur", away);
      document.removeEventListener("visibilitychange", visibility);
    };
  }, [awareness]);
}
