// Guards so no page can make the extension flood the resolver: a per-tab token bucket for
// uncached lookups and a bound on concurrent DoH requests.

export class TokenBuckets {
  readonly #buckets = new Map<number, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly now: () => number,
  ) {}

  /**
   * Take one token for `key`: 0 when one was taken, else the milliseconds until the bucket holds one again (the
   * retry-after hint a refused caller gets: asking earlier is refused again).
   */
  take(key: number): number {
    const t = this.now();
    const b = this.#buckets.get(key) ?? { tokens: this.capacity, at: t };
    b.tokens = Math.min(this.capacity, b.tokens + ((t - b.at) / 1000) * this.refillPerSecond);
    b.at = t;
    this.#buckets.set(key, b);
    if (b.tokens < 1) return Math.ceil(((1 - b.tokens) / this.refillPerSecond) * 1000);
    b.tokens -= 1;
    return 0;
  }

  forget(key: number): void {
    this.#buckets.delete(key);
  }
}

/** Wrap an async function so at most `limit` calls run at once; the rest wait in FIFO order. */
export function limitConcurrency<A extends unknown[], R>(
  limit: number,
  fn: (...args: A) => Promise<R>,
): (...args: A) => Promise<R> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (...args: A) => {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await fn(...args);
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}
