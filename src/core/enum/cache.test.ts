import { describe, expect, it } from 'vitest';
import { InFlight } from '../async.ts';
import { createMemoryStore } from '../store.ts';
import { TtlCache } from './cache.ts';

describe('TtlCache', () => {
  it('serves an entry until its TTL runs out', async () => {
    let now = 1_000;
    const cache = new TtlCache<string>({ maxEntries: 10, now: () => now });
    await cache.set('a', 'A', 30);
    now += 29_999;
    expect((await cache.get('a'))?.value).toBe('A');
    now += 1;
    expect(await cache.get('a')).toBeUndefined();
  });

  it('stores nothing for a TTL of zero', async () => {
    const cache = new TtlCache<string>({ maxEntries: 10, now: () => 0 });
    await cache.set('a', 'A', 0);
    expect(await cache.get('a')).toBeUndefined();
  });

  it('evicts the least recently used entry beyond its bound', async () => {
    const cache = new TtlCache<number>({ maxEntries: 2, now: () => 0 });
    await cache.set('a', 1, 60);
    await cache.set('b', 2, 60);
    await cache.get('a'); // a is now more recent than b
    await cache.set('c', 3, 60);
    expect(cache.size).toBe(2);
    expect(await cache.get('b')).toBeUndefined();
    expect((await cache.get('a'))?.value).toBe(1);
  });

  it('survives a restart through its store (the service-worker case)', async () => {
    let now = 0;
    const store = createMemoryStore();
    const first = new TtlCache<{ x: number }>({ maxEntries: 5, now: () => now, store });
    await first.set('n', { x: 1 }, 60);
    await first.set('old', { x: 2 }, 1);
    now = 10_000;
    const second = new TtlCache<{ x: number }>({ maxEntries: 5, now: () => now, store });
    expect((await second.get('n'))?.value).toEqual({ x: 1 });
    expect(await second.get('old')).toBeUndefined();
  });

  it('ignores malformed stored entries and other keys', async () => {
    const store = createMemoryStore();
    await store.set({ 'cache:bad': { value: 1 }, 'cache:worse': 'x', settings: { a: 1 } });
    const cache = new TtlCache<number>({ maxEntries: 5, now: () => 0, store });
    expect(await cache.get('bad')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('clears memory and store', async () => {
    const store = createMemoryStore();
    const cache = new TtlCache<number>({ maxEntries: 5, now: () => 0, store });
    await cache.set('a', 1, 60);
    await cache.clear();
    expect(store.data.size).toBe(0);
    expect(await cache.get('a')).toBeUndefined();
  });
});

describe('InFlight', () => {
  it('shares one task between concurrent callers and forgets it afterwards', async () => {
    const inflight = new InFlight<number>();
    let calls = 0;
    const task = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 5));
      return calls;
    };
    const [a, b] = await Promise.all([inflight.run('k', task), inflight.run('k', task)]);
    expect([a, b, calls]).toEqual([1, 1, 1]);
    expect(await inflight.run('k', task)).toBe(2);
  });
});
