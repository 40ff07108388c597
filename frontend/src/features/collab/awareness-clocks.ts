/**
 * y-websocket removes the others' awareness states when its socket closes but keeps their clocks,
 * and y-protocols applies a state only when its clock is newer than the one it kept. The server's
 * snapshot on reconnect carries the clocks the others still have, so without this the people who
 * stayed connected would show as "not here" (no cursor) until each of them changed something or
 * renewed (up to 15 s). Forgetting the clocks of the removed states lets the snapshot in.
 */

import type { Awareness } from "y-protocols/awareness";

export function forgetDepartedClocks(awareness: Awareness): void {
  for (const clientId of [...awareness.meta.keys()]) {
    if (clientId !== awareness.clientID && !awareness.states.has(clientId)) awareness.meta.delete(clientId);
  }
}
