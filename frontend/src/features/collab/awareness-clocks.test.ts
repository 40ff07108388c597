import { describe, expect, it } from "vitest";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate, removeAwarenessStates } from "y-protocols/awareness";
import * as Y from "yjs";

import { forgetDepartedClocks } from "./awareness-clocks";

/** Bob's awareness, holding Ann's state as the server relayed it; and that update. */
function bobSeeingAnn() {
  const ann = new Awareness(new Y.Doc());
  ann.setLocalStateField("cursor", 1);
  const update = encodeAwarenessUpdate(ann, [ann.clientID]);
  const bob = new Awareness(new Y.Doc());
  applyAwarenessUpdate(bob, update, "server");
  // Bob's socket closes: y-websocket removes everyone else's state.
  removeAwarenessStates(bob, [ann.clientID], "provider");
  return { ann, bob, update };
}

describe("forgetDepartedClocks", () => {
  it("lets the server's snapshot of someone who stayed connected back in after a reconnect", () => {
    const { ann, bob, update } = bobSeeingAnn();
    forgetDepartedClocks(bob);
    applyAwarenessUpdate(bob, update, "server");
    expect(bob.getStates().get(ann.clientID)).toEqual({ cursor: 1 });
  });

  it("is needed: without it the same clock is ignored", () => {
    const { ann, bob, update } = bobSeeingAnn();
    applyAwarenessUpdate(bob, update, "server");
    expect(bob.getStates().has(ann.clientID)).toBe(false);
  });

  it("keeps the local clock and the clocks of states still held", () => {
    const { bob } = bobSeeingAnn();
    const carl = new Awareness(new Y.Doc());
    carl.setLocalStateField("cursor", 2);
    applyAwarenessUpdate(bob, encodeAwarenessUpdate(carl, [carl.clientID]), "server");
    forgetDepartedClocks(bob);
    expect([...bob.meta.keys()].sort()).toEqual([bob.clientID, carl.clientID].sort());
  });
});
