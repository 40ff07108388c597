import { cn } from "@/lib/cn";

import { type ConnectionState, indicator } from "../connection-state";

const DOT = { green: "bg-emerald-500", amber: "bg-amber-500 animate-pulse", red: "bg-red-600" };

export function ConnectionIndicator({ state }: { state: ConnectionState }) {
  const { tone, label, detail } = indicator(state);
  return (
    <div role="status" aria-live="polite" title={detail} className="flex items-center gap-1.5 text-sm" data-testid="connection-status" data-phase={state.phase}>
      <span aria-hidden="true" className={cn("inline-block h-2.5 w-2.5 rounded-full", DOT[tone])} />
      <span>{label}</span>
      <span className="sr-only">. {detail}</span>
    </div>
  );
}
