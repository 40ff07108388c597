import { describe, expect, it } from "vitest";

import { cssString, remoteCursorCss, safeColor, textColorOn, withAlpha } from "./remote-cursors";

describe("remote cursor CSS", () => {
  it("styles each remote client's selection and cursor in its colour with its name", () => {
    const css = remoteCursorCss(new Map([[7, { user: { name: "Ann", color: "#E69F00" } }]]), 1);
    expect(css).toContain(".yRemoteSelection-7{background-color:#E69F004d}");
    expect(css).toContain(".yRemoteSelectionHead-7{");
    expect(css).toContain("border-left:2px solid #E69F00");
    expect(css).toContain('.yRemoteSelectionHead-7::after{content:"Ann"');
  });

  it("leaves out the local client", () => {
    expect(remoteCursorCss(new Map([[1, { user: { name: "Me", color: "#000000" } }]]), 1)).toBe("");
  });

  it("never lets a name or colour break out of the rule", () => {
    const css = remoteCursorCss(new Map([[3, { user: { name: 'x"}body{display:none}</style>\\', color: "red;}body{x" } }]]), 1);
    expect(css).not.toContain("</style>");
    expect(css).not.toMatch(/"}body/);
    expect(css).toContain("#999999");
  });

  it("escapes quotes, backslashes, angle brackets and newlines in strings", () => {
    expect(cssString('a"b')).toBe('"a\\22 b"');
    expect(cssString("a\\b")).toBe('"a\\5c b"');
    expect(cssString("<\n")).toBe('"\\3c \\a "');
    expect(cssString("x".repeat(100))).toHaveLength(62);
  });

  it("accepts only hex colours", () => {
    expect(safeColor("#abc")).toBe("#abc");
    expect(safeColor("#A1B2C3")).toBe("#A1B2C3");
    expect(safeColor("url(x)")).toBe("#999999");
    expect(safeColor(undefined)).toBe("#999999");
  });

  it("adds alpha and picks a readable label colour", () => {
    expect(withAlpha("#abc", 0.5)).toBe("#aabbcc80");
    expect(textColorOn("#F0E442")).toBe("#000000");
    expect(textColorOn("#0072B2")).toBe("#ffffff");
  });
});
