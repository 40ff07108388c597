import { useEffect, useState } from "react";
import type { Awareness } from "y-protocols/awareness";

import type { AwarenessState } from "../remote-cursors";

/** The awareness states of everyone in the document, re-read whenever any of them changes. */
export function useAwarenessStates(awareness: Awareness | null | undefined): Map<number, AwarenessState> {
  const [states, setStates] = useState<Map<number, AwarenessState>>(new Map());
  useEffect(() => {
    if (!awareness) return;
    const read = () => setStates(new Map(awareness.getStates() as Map<number, AwarenessState>));
    read();
    awareness.on("change", read);
    return () => awareness.off("change", read);
  }, [awareness]);
  return states;
}
