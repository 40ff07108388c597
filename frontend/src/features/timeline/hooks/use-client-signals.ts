import { useEffect, useMemo } from "react";

import { postSignal } from "../api/post-signals";
import { SignalReporter } from "../client-signals";

/** Report focus loss/regain of this tab for the room; returns the reporter for pastes. */
export function useClientSignals(roomId: string): SignalReporter {
  const reporter = useMemo(() => new SignalReporter(postSignal(roomId)), [roomId]);
  useEffect(() => {
    let lostAt: number | null = null;
    const lost = () => {
      if (lostAt !== null) return;
      lostAt = Date.now();
      reporter.focusLost();
    };
    const regained = () => {
      if (lostAt === null) return;
      reporter.focusRegained();
      lostAt = null;
    };
    const visibility = () => (document.visibilityState === "hidden" ? lost() : regained());
    window.addEventListener("blur", lost);
    window.addEventListener("focus", regained);
    document.addEventListener("visibilitychange", visibility);
    const timer = window.setInterval(() => void reporter.flush(), 10_000);
    return () => {
      window.removeEventListener("blur", lost);
      window.removeEventListener("focus", regained);
      document.removeEventListener("visibilitychange", visibility);
      window.clearInterval(timer);
    };
  }, [reporter]);
  return reporter;
}
