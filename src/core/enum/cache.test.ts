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

describe('TtlCache: a full persistent store', () => {
  /** Like storage.session: a set that would pass the byte quota throws and stores nothing. */
  function quotaStore(quota: number) {
    const store = createMemoryStore();
    const used = () => [...store.data].reduce((n, [k, v]) => n + k.length + JSON.stringify(v).length, 0);
    return {
      ...store,
      async set(items: Record<string, unknown>) {
        const before = new Map(store.data);
        await store.set(items);
        if (used() > quota) {
          store.data.clear();
          for (const [k, v] of before) store.data.set(k, v);
          throw new Error('Session storage quota bytes exceeded. Values were not stored.');
        }
      },
      used,
    };
  }

  it('evicts the oldest entries instead of failing, and the newest entry is mirrored', async () => {
    const store = quotaStore(10_000);
    const cache = new TtlCache<string>({ maxEntries: 100, now: () => 0, store });
    for (let i = 0; i < 30; i++) await cache.set(`k${i}`, 'x'.repeat(1000), 60);
    expect(store.used()).toBeLessThanOrEqual(10_000);
    expect(store.data.has('cache:k29')).toBe(true);
    expect((await cache.get('k29'))?.value).toHaveLength(1000);
    expect(await cache.get('k0')).toBeUndefined();
  });

  it('keeps an entry in memory when the store is full of other data', async () => {
    const store = quotaStore(5_000);
    await store.set({ other: 'y'.repeat(4_900) });
    const cache = new TtlCache<string>({ maxEntries: 100, now: () => 0, store });
    await cache.set('a', 'x'.repeat(1000), 60);
    expect((await cache.get('a'))?.value).toHaveLength(1000);
    expect(store.data.has('other')).toBe(true);
  });
});
