import { describe, expect, it } from "vitest";

import { MAX_QUEUE, type Signal, SignalReporter } from "./client-signals";

describe("SignalReporter", () => {
  it("sends each signal on its own in the server's format", async () => {
    const sent: Signal[] = [];
    const reporter = new SignalReporter(async (signal) => {
      sent.push(signal);
      return "ok";
    }, () => 42);
    reporter.paste(120);
    await reporter.flush();
    reporter.focusLost();
    await reporter.flush();
    reporter.focusRegained();
    await reporter.flush();
    expect(sent).toEqual([
      { type: "paste", at: 42, size: 120 },
      { type: "focus_lost", at: 42 },
      { type: "focus_regained", at: 42 },
    ]);
    expect(reporter.pending()).toHaveLength(0);
  });

  it("sends queued signals in order, one request each", async () => {
    const sent: Signal[] = [];
    let online = false;
    const reporter = new SignalReporter(async (signal) => {
      if (!online) return "retry";
      sent.push(signal);
      return "ok";
    });
    reporter.paste(1);
    reporter.focusLost();
    await reporter.flush();
    expect(reporter.pending()).toHaveLength(2);
    online = true;
    await reporter.flush();
    expect(sent.map((s) => s.type)).toEqual(["paste", "focus_lost"]);
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
    expect(reporter.pending().at(-1)?.size).toBe(MAX_QUEUE + 19);
  });
});
