import { describe, expect, it } from "vitest";

import { outputDiff } from "./output-diff";

describe("output diff", () => {
  it("keeps equal lines once and shows a differing line as expected then got", () => {
    expect(outputDiff("1\n2\n3\n", "1\n5\n3\n")).toEqual([
      { kind: "same", text: "1" },
      { kind: "expected", text: "2" },
      { kind: "got", text: "5" },
      { kind: "same", text: "3" },
    ]);
  });

  it("shows missing and extra lines", () => {
    expect(outputDiff("a\nb\n", "a\n")).toEqual([
      { kind: "same", text: "a" },
      { kind: "expected", text: "b" },
    ]);
    expect(outputDiff("", "x\n")).toEqual([{ kind: "got", text: "x" }]);
  });
});
