// Lookups the background's per-tab limit refused (`rate-limited`, background/limits.ts) wait here, with every
// lookup asked for meanwhile, for the moment the refusal named (`retryAfterMs`); then they are sent one at a time,
// each only if it is still wanted (in view, or its card open): a number scrolled away before its turn is dropped,
// never looked up. One queue and at most one timer per document, however many numbers wait, and no request while
// the timer runs: the limit keeps its purpose (a page cannot make the extension flood the resolver) and the page
// never sees a refusal as a failure.

/** Bounds on a retry-after hint: never a busy loop, never a lookup put off for long. */
export const MIN_RETRY_MS = 50;
export const MAX_RETRY_MS = 60_000;
/** The wait when a refusal names none. */
export const DEFAULT_RETRY_MS = 1000;

export class RetryQueue {
  /** In the order they will be sent (a Set keeps insertion order). */
  private waiting = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private due = 0;
  private running = false;

  constructor(
    /** Send one lookup: resolves to a retry-after hint when it was refused again, else undefined (done). */
    private readonly send: (e164: string) => Promise<number | undefined>,
    /** The number is still worth a lookup. */
    private readonly wanted: (e164: string) => boolean,
    /** Its turn came while it was not wanted: it is not looked up. */
    private readonly dropped: (e164: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Lookups wait: one was refused and its turn has not come, or some are still to be sent. */
  get busy(): boolean {
    return this.timer !== undefined || this.waiting.size > 0;
  }

  has(e164: string): boolean {
    return this.waiting.has(e164);
  }

  /** Wait for a turn; `first`: before the others (what the user points at, or the one just refused). */
  add(e164: string, first = false): void {
    if (first) this.waiting = new Set([e164, ...this.waiting]);
    else this.waiting.add(e164);
    if (!this.timer) void this.pump();
  }

  /** `e164` was refused: it goes first, and nothing is sent before `retryAfterMs` has passed. */
  refused(e164: string, retryAfterMs: number): void {
    const wait = Number.isFinite(retryAfterMs)
      ? Math.min(MAX_RETRY_MS, Math.max(MIN_RETRY_MS, retryAfterMs))
      : DEFAULT_RETRY_MS;
    const due = this.now() + wait;
    if (!this.timer || due > this.due) {
      clearTimeout(this.timer);
      this.due = due;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void this.pump();
      }, wait);
    }
    this.add(e164, true);
  }

  /** Send the waiting lookups one after another until one is refused (which sets the timer) or none are left. */
  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.timer && this.waiting.size) {
        const e164 = this.waiting.values().next().value!;
        this.waiting.delete(e164);
        if (!this.wanted(e164)) {
          this.dropped(e164);
          continue;
        }
        const retryAfterMs = await this.send(e164);
        if (retryAfterMs !== undefined) this.refused(e164, retryAfterMs);
      }
    } finally {
      this.running = false;
    }
  }

  /** Forget everything (the session ends). */
  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.waiting.clear();
  }
}
