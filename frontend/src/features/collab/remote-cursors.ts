/**
 * CSS for y-monaco's remote selections: y-monaco tags each remote cursor and selection with
 * `yRemoteSelection-<clientID>` / `yRemoteSelectionHead-<clientID>` classes; this generates their
 * colours and the name label from the awareness states.
 */

import { LABEL_FADE, cssString, cursorRules, safeColor, textColorOn, withAlpha } from "@/lib/css";

export { cssString, safeColor, textColorOn, withAlpha };

export type AwarenessUser = { id?: string; name?: string; color?: string; colorLight?: string };
export type AwarenessState = { user?: AwarenessUser; [key: string]: unknown };

export function remoteCursorCss(states: Map<number, AwarenessState>, localClientId: number): string {
  const rules: string[] = [];
  for (const [clientId, state] of states) {
    if (clientId === localClientId || !Number.isInteger(clientId)) continue;
    const name = typeof state.user?.name === "string" && state.user.name ? state.user.name : "Anonymous";
    rules.push(...cursorRules(`yRemoteSelection-${clientId}`, `yRemoteSelectionHead-${clientId}`, name, String(state.user?.color ?? "")));
  }
  // y-monaco redraws a cursor's decoration when it moves, which restarts the animation: a name
  // shows while its owner is moving and then fades, so it does not cover the code for long.
  if (rules.length > 0) rules.push(LABEL_FADE);
  return rules.join("\n");
}
