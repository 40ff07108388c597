/**
 * Signals only the browser can observe, reported for the session timeline: pastes into the editor
 * (their size, never their content) and the tab losing or regaining focus.
 *
 * They are POSTed as `{type, at, payload}` batches to an events endpoint (by default
 * `POST /api/rooms/{id}/signals`); a server without it (404/405) switches the reporter off
 * for the rest of the page's life, so nothing is retried against a missing endpoint.
 */

export type SignalType = "paste" | "focus.lost" | "focus.regained";
export type Signal = { type: SignalType; at: number; payload: Record<string, number | string | boolean> };

export type Transport = (signals: Signal[]) => Promise<"ok" | "missing" | "retry">;

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

  paste(characters: number): void {
    this.push({ type: "paste", at: this.now(), payload: { size: characters } });
  }

  focusLost(): void {
    this.push({ type: "focus.lost", at: this.now(), payload: {} });
  }

  focusRegained(awayMs: number): void {
    this.push({ type: "focus.regained", at: this.now(), payload: { away_ms: Math.round(awayMs) } });
  }

  /** Send what is queued; on failure keep it for the next flush (bounded). */
  async flush(): Promise<void> {
    if (this.flushing || this.disabled || this.queue.length === 0) return;
    this.flushing = true;
    const batch = this.queue;
    this.queue = [];
    try {
      const outcome = await this.transport(batch);
      if (outcome === "missing") this.disabled = true;
      if (outcome === "retry") this.queue = [...batch, ...this.queue].slice(-MAX_QUEUE);
    } catch {
      this.queue = [...batch, ...this.queue].slice(-MAX_QUEUE);
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
