// The retry queue behind NumberStates, against a model of the background's per-tab bucket (20 at once, then 2 a
// second, with its retry-after hint) on a fake clock: every wanted number is resolved in the end, none is shown
// as failed, nothing is sent while the limit holds, one timer however many wait, and numbers no longer wanted when
// their turn comes are never sent.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LookupResult } from '../../core/enum/types.ts';
import { rateLimited, type EnumState, type Reply } from '../../shared/protocol.ts';
import { NumberStates } from './number-states.ts';
import { DEFAULT_RETRY_MS, MAX_RETRY_MS, MIN_RETRY_MS, RetryQueue } from './retry-queue.ts';

const numbers = (n: number) => Array.from({ length: n }, (_, i) => `+4312345${String(i).padStart(4, '0')}`);

const found = (e164: string): LookupResult => ({
  e164,
  domain: 'x.e164.arpa',
  status: 'not-found',
  dnssec: false,
  uris: [],
  pres: [],
  rejected: [],
  ttl: 300,
  fetchedAt: Date.now(),
});

/** The background's bucket as handlers.ts uses it (capacity 20, 2 tokens a second), recording what it was asked. */
function background(capacity = 20, perSecond = 2) {
  let tokens = capacity;
  let at = Date.now();
  const asked: { e164: string; at: number; ok: boolean }[] = [];
  const send = (e164: string): Promise<Reply<'resolveNumber'>> => {
    const now = Date.now();
    tokens = Math.min(capacity, tokens + ((now - at) / 1000) * perSecond);
    at = now;
    const ok = tokens >= 1;
    asked.push({ e164, at: now, ok });
    if (!ok) return Promise.resolve(rateLimited(Math.ceil(((1 - tokens) / perSecond) * 1000)));
    tokens -= 1;
    return Promise.resolve({ ok: true, value: found(e164) });
  };
  return { send, asked };
}

beforeEach(() => void vi.useFakeTimers({ now: 1_800_000_000_000 }));
afterEach(() => void vi.useRealTimers());

describe('NumberStates with the retry queue', () => {
  it('resolves 60 numbers in view at the rate the background allows, never showing a failure', async () => {
    const bg = background();
    const all = numbers(60);
    const states = new NumberStates(bg.send, () => true);
    const seen = new Map<string, EnumState[]>();
    states.onChange((e164, l) => seen.set(e164, [...(seen.get(e164) ?? []), l.state]));
    for (const e164 of all) states.resolve(e164);
    await vi.advanceTimersByTimeAsync(0);
    expect(all.filter((e) => states.stateOf(e) === 'none')).toHaveLength(20);
    expect(all.filter((e) => states.stateOf(e) === 'pending')).toHaveLength(40);
    expect(vi.getTimerCount()).toBe(1);

    // 40 more at 2 a second: about 20 s. Every state a number went through is pending, then its answer.
    await vi.advanceTimersByTimeAsync(20_500);
    expect(all.map(states.stateOf)).toEqual(all.map(() => 'none'));
    for (const e164 of all) expect(seen.get(e164)).toEqual(['pending', 'none']);
    expect(vi.getTimerCount()).toBe(0);

    // Each number answered once; after the first burst, at most one refused request per retry (no busy loop).
    const answered = bg.asked.filter((a) => a.ok);
    expect(answered).toHaveLength(60);
    expect(new Set(answered.map((a) => a.e164)).size).toBe(60);
    const refusedLater = bg.asked.filter((a, i) => !a.ok && i >= 60);
    expect(refusedLater.length).toBeLessThanOrEqual(40);
    // The lookups after the burst are spaced as the bucket refills: never two within 500 ms.
    const later = answered.slice(20).map((a) => a.at);
    for (let i = 1; i < later.length; i++) expect(later[i]! - later[i - 1]!).toBeGreaterThanOrEqual(500);
  });

  it('drops numbers no longer wanted when their turn comes: back to idle, never sent; wanted again, resolved', async () => {
    const bg = background(2);
    const all = numbers(6);
    const wanted = new Set(all);
    const states = new NumberStates(bg.send, (e) => wanted.has(e));
    for (const e164 of all) states.resolve(e164);
    await vi.advanceTimersByTimeAsync(0);
    expect(all.map(states.stateOf)).toEqual(['none', 'none', 'pending', 'pending', 'pending', 'pending']);
    wanted.delete(all[3]!); // scrolled away before its turn
    wanted.delete(all[4]!);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(all.map(states.stateOf)).toEqual(['none', 'none', 'none', 'idle', 'idle', 'none']);
    expect(bg.asked.filter((a) => a.e164 === all[3] || a.e164 === all[4]).map((a) => a.ok)).toEqual([false, false]);

    wanted.add(all[3]!); // back in view: looked up now
    states.resolve(all[3]!);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(states.stateOf(all[3]!)).toBe('none');
    expect(states.stateOf(all[4]!)).toBe('idle');
  });

  it('5,000 numbers in view: one timer, nothing sent while it runs, one request at a time after it', async () => {
    const bg = background();
    const all = numbers(5000);
    const states = new NumberStates(bg.send, () => true);
    for (const e164 of all.slice(0, 100)) states.resolve(e164);
    await vi.advanceTimersByTimeAsync(0);
    const burst = bg.asked.length;
    expect(burst).toBe(100); // before the first refusal the page did not know
    for (const e164 of all.slice(100)) states.resolve(e164); // the limit is known now: they queue
    await vi.advanceTimersByTimeAsync(0);
    expect(bg.asked.length).toBe(burst);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(vi.getTimerCount()).toBe(1);
    // 20 tokens in 10 s: 20 answered, and at most one refusal for each.
    expect(bg.asked.slice(burst).filter((a) => a.ok)).toHaveLength(20);
    expect(bg.asked.length - burst).toBeLessThanOrEqual(41);
    expect(all.filter((e) => states.stateOf(e) === 'pending')).toHaveLength(5000 - 40);
    states.stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a number the user points at goes before the waiting ones', async () => {
    const bg = background(1);
    const all = numbers(5);
    const states = new NumberStates(bg.send, () => true);
    for (const e164 of all) states.resolve(e164);
    states.resolve(all[4]!, true);
    await vi.advanceTimersByTimeAsync(600);
    expect(bg.asked.filter((a) => a.ok).map((a) => a.e164)).toEqual([all[0], all[4]]);
  });

  it('other failures are shown as they are, not retried', async () => {
    const states = new NumberStates(
      () => Promise.resolve({ ok: false, error: { code: 'network', message: 'down' } }),
      () => true,
    );
    states.resolve('+4312345678');
    await vi.advanceTimersByTimeAsync(0);
    expect(states.get('+4312345678')).toEqual({ state: 'error', error: { code: 'network', message: 'down' } });
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('RetryQueue', () => {
  it('bounds the hint: no busy loop on 0 or a negative value, no wait past the maximum, a default for none', async () => {
    for (const [hint, wait] of [
      [0, MIN_RETRY_MS],
      [-5, MIN_RETRY_MS],
      [NaN, DEFAULT_RETRY_MS],
      [1e9, MAX_RETRY_MS],
      [700, 700],
    ] as const) {
      const sent: string[] = [];
      const queue = new RetryQueue(
        (e) => (sent.push(e), Promise.resolve(undefined)),
        () => true,
        () => {},
      );
      queue.refused('+4312345678', hint);
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(sent).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(sent).toEqual(['+4312345678']);
      expect(queue.busy).toBe(false);
    }
  });

  it('a later refusal moves the one timer later, an earlier one does not bring it forward', async () => {
    const sent: string[] = [];
    const queue = new RetryQueue(
      (e) => (sent.push(e), Promise.resolve(undefined)),
      () => true,
      () => {},
    );
    queue.refused('+4311111111', 500);
    queue.refused('+4322222222', 2000);
    queue.refused('+4333333333', 100);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(1999);
    expect(sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toEqual(['+4333333333', '+4322222222', '+4311111111']);
  });
});
