import { describe, expect, it } from "vitest";

import { MAX_QUEUE, type Signal, SignalReporter } from "./client-signals";

describe("SignalReporter", () => {
  it("sends pastes by size and focus changes", async () => {
    const sent: Signal[][] = [];
    const reporter = new SignalReporter(async (batch) => {
      sent.push(batch);
      return "ok";
    }, () => 42);
    reporter.paste(120);
    await reporter.flush();
    reporter.focusLost();
    await reporter.flush();
    reporter.focusRegained(5300);
    await reporter.flush();
    expect(sent.flat()).toEqual([
      { type: "paste", at: 42, payload: { size: 120 } },
      { type: "focus.lost", at: 42, payload: {} },
      { type: "focus.regained", at: 42, payload: { away_ms: 5300 } },
    ]);
  });

  it("switches itself off when the server has no endpoint", async () => {
    let calls = 0;
    const reporter = new SignalReporter(async () => {
      calls++;
      return "missing";
    });
    reporter.paste(1);
    await reporter.flush();
    reporter.paste(2);
    await reporter.flush();
    expect(calls).toBe(1);
    expect(reporter.enabled).toBe(false);
  });

  it("keeps signals for later when sending fails, up to a bound", async () => {
    const reporter = new SignalReporter(async () => {
      throw new Error("offline");
    });
    for (let i = 0; i < MAX_QUEUE + 20; i++) reporter.paste(i);
    await reporter.flush();
    expect(reporter.pending().length).toBeLessThanOrEqual(MAX_QUEUE);
    expect(reporter.pending().at(-1)?.payload.size).toBe(MAX_QUEUE + 19);
  });
});
