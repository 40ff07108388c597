import { describe, expect, it } from "vitest";

import { figuresOf, participantsOf } from "./analytics";

describe("analytics figures", () => {
  it("labels and formats scalar figures", () => {
    expect(figuresOf({ user_id: "u", chars_inserted: 1234, active_typing_ms: 125_000, time_to_first_run_ms: null, pastes: [1, 2] })).toEqual([
      { label: "Characters inserted", value: "1,234" },
      { label: "Active typing", value: "2 min 5 s" },
      { label: "Time to first run", value: "—" },
      { label: "Pastes", value: "2" },
    ]);
  });

  it("accepts participants as a list or keyed by user", () => {
    expect(participantsOf({ participants: [{ user_id: "a" }] })).toEqual([{ user_id: "a" }]);
    expect(participantsOf({ participants: { b: { runs: 2 } } })).toEqual([{ user_id: "b", runs: 2 }]);
    expect(participantsOf(undefined)).toEqual([]);
  });
});
