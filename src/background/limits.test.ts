import { describe, expect, it } from 'vitest';
import { limitConcurrency, TokenBuckets } from './limits.ts';

describe('TokenBuckets (per-tab rate limit)', () => {
  it('allows a burst, then refills over time, per key', () => {
    let now = 0;
    const buckets = new TokenBuckets(3, 2, () => now);
    expect([buckets.take(1), buckets.take(1), buckets.take(1), buckets.take(1)]).toEqual([true, true, true, false]);
    expect(buckets.take(2)).toBe(true); // another tab has its own bucket
    now += 500; // one token back at 2/s
    expect([buckets.take(1), buckets.take(1)]).toEqual([true, false]);
  });
});

describe('limitConcurrency', () => {
  it('never runs more than the limit at once and runs everything', async () => {
    let running = 0;
    let peak = 0;
    const task = limitConcurrency(2, async (x: number) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return x * 2;
    });
    expect(await Promise.all([1, 2, 3, 4, 5].map(task))).toEqual([2, 4, 6, 8, 10]);
    expect(peak).toBe(2);
  });
});
