/**
 * Signals only the browser can observe, reported for the session timeline: pastes into the editor
 * (their size, and for a paste of 200 characters or more its first 200 characters, which the
 * interviewers see live) and the tab losing or regaining focus.
 *
 * Each one is POSTed on its own to `POST /api/rooms/{id}/signals` as the server's `SignalCreate`:
 * `{type: "paste" | "focus_lost" | "focus_regained", size?, at?, preview?}`. They wait in a bounded queue
 * and go out in order; a failed send (network, 429, 5xx) leaves the rest queued for the next
 * flush. A 404 (the room is gone, or this account is no longer in it) switches the reporter off
 * for the rest of the page's life, so nothing is retried in vain.
 */

import type { Schemas } from "@/lib/api-client";

export type SignalType = Schemas["SignalCreate"]["type"];
/** Exactly the body the server accepts (its schema forbids other fields). */
export type Signal = { type: SignalType; at: number; size?: number; preview?: string };

export type Transport = (signal: Signal) => Promise<"ok" | "missing" | "retry">;

export const MAX_QUEUE = 100;

export class SignalReporter {
  private queue: Signal[] = [];
  private flushing = false;
  private disabled = false;

  constructor(
    private readonly transport: Transport,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return !this.disabled;
  }

  /** `preview`: the first characters of a big paste, shown live to the interviewers. */
  paste(characters: number, preview?: string): void {
    const signal: Signal = { type: "paste", at: this.now(), size: Math.max(0, Math.round(characters)) };
    if (preview !== undefined) signal.preview = preview;
    this.push(signal);
  }

  focusLost(): void {
    this.push({ type: "focus_lost", at: this.now() });
  }

  focusRegained(): void {
    this.push({ type: "focus_regained", at: this.now() });
  }

  /** Send what is queued, one request per signal, in order; stop at the first failure. */
  async flush(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      for (let signal = this.queue[0]; signal !== undefined && !this.disabled; signal = this.queue[0]) {
        let outcome: "ok" | "missing" | "retry";
        try {
          outcome = await this.transport(signal);
        } catch {
          outcome = "retry";
        }
        if (outcome === "retry") return;
        if (outcome === "missing") {
          this.disabled = true;
          this.queue = [];
          return;
        }
        if (this.queue[0] === signal) this.queue.shift();
      }
    } finally {
      this.flushing = false;
    }
  }

  pending(): readonly Signal[] {
    return this.queue;
  }

  private push(signal: Signal): void {
    if (this.disabled) return;
    this.queue.push(signal);
    if (this.queue.length > MAX_QUEUE) this.queue.shift();
    void this.flush();
  }
}
