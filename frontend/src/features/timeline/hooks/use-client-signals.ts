import { useEffect, useMemo, useRef } from "react";

import { useCapabilities } from "@/lib/capabilities";

import { postSignal, signalsPath } from "../api/post-signals";
import { SignalReporter } from "../client-signals";

/** Report focus loss/regain of this tab for the room; returns the reporter for pastes. */
export function useClientSignals(roomId: string): SignalReporter {
  const capabilities = useCapabilities();
  // undefined while the server's capabilities load: signals wait in the (bounded) queue.
  const path = useRef<string | null | undefined>(undefined);
  path.current = capabilities.loading ? undefined : signalsPath(roomId, capabilities.has);
  const reporter = useMemo(
    () => new SignalReporter((signal) => (path.current === undefined ? Promise.resolve("retry" as const) : postSignal(path.current)(signal))),
    [roomId],
  );
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
