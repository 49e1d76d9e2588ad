import { describe, expect, it } from 'vitest';
import { limitConcurrency, TokenBuckets } from './limits.ts';

describe('TokenBuckets (per-tab rate limit)', () => {
  it('allows a burst, then refills over time, per key', () => {
    let now = 0;
    const buckets = new TokenBuckets(3, 2, () => now);
    expect([buckets.take(1), buckets.take(1), buckets.take(1)]).toEqual([0, 0, 0]);
    expect(buckets.take(1)).toBe(500); // empty: one token back in 500 ms at 2/s
    expect(buckets.take(2)).toBe(0); // another tab has its own bucket
    now += 500;
    expect([buckets.take(1), buckets.take(1)]).toEqual([0, 500]);
  });

  it('says how long until the next token: a caller that waits that long gets one, one that asks earlier does not', () => {
    let now = 0;
    const buckets = new TokenBuckets(1, 2, () => now);
    expect(buckets.take(7)).toBe(0);
    now += 200; // 0.4 token
    const wait = buckets.take(7);
    expect(wait).toBe(300);
    now += wait - 1;
    expect(buckets.take(7)).toBeGreaterThan(0); // refused again, told to wait about 1 ms more
    now += 1;
    expect(buckets.take(7)).toBe(0);
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
