import { describe, expect, it } from "vitest";

import { PALETTE, presenceEntries } from "./presence";

const members = [
  { user_id: "ann", display_name: "Ann", role: "owner", color_index: 0 },
  { user_id: "bob", display_name: "Bob", role: "candidate", color_index: 1 },
  { user_id: "olga", display_name: "Olga", role: "observer", color_index: 2 },
];

describe("presenceEntries", () => {
  it("marks who is connected with their live colour and activity, connected first", () => {
    const states = new Map([
      [10, { user: { id: "bob", name: "Bob", color: "#56B4E9" }, activity: "idle" }],
      [11, { user: { id: "ann", name: "Ann", color: "#E69F00" } }],
    ]);
    const entries = presenceEntries(members, states, "ann");
    expect(entries.map((e) => [e.name, e.connected, e.activity, e.isMe])).toEqual([
      ["Ann", true, "active", true],
      ["Bob", true, "idle", false],
      ["Olga", false, "offline", false],
    ]);
    expect(entries[2]?.color).toBe(PALETTE[2]);
  });

  it("counts a user with two tabs as their most active tab", () => {
    const states = new Map([
      [1, { user: { id: "bob" }, activity: "away" }],
      [2, { user: { id: "bob" }, activity: "active" }],
    ]);
    expect(presenceEntries(members, states, "ann").find((e) => e.userId === "bob")?.activity).toBe("active");
  });

  it("lists someone connected who is not in the loaded members yet", () => {
    const states = new Map([[5, { user: { id: "new", name: "Nia", color: "#009E73" } }]]);
    const entry = presenceEntries(members, states, "ann").find((e) => e.userId === "new");
    expect(entry).toMatchObject({ name: "Nia", role: "member", connected: true });
  });
});
