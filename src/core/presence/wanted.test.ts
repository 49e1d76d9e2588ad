import { describe, expect, it } from 'vitest';
import { LINGER_MS, MAX_SUBSCRIPTIONS, WantedSet } from './wanted.ts';

const MIN = 60_000;

describe('WantedSet', () => {
  it('adds on the first view only', () => {
    const w = new WantedSet();
    expect(w.view('sip:a@x', 0)).toEqual({ added: true, evicted: [] });
    expect(w.view('sip:a@x', 1)).toEqual({ added: false, evicted: [] });
    expect(w.size).toBe(1);
  });

  it(`keeps at most ${MAX_SUBSCRIPTIONS}: the least recently viewed goes`, () => {
    const w = new WantedSet();
    for (let i = 0; i < MAX_SUBSCRIPTIONS; i++) w.view(`sip:u${i}@x`, i);
    w.view('sip:u0@x', 100); // viewed again: now the most recent
    expect(w.view('sip:new@x', 101)).toEqual({ added: true, evicted: ['sip:u1@x'] });
    expect(w.size).toBe(MAX_SUBSCRIPTIONS);
    expect(w.has('sip:u0@x')).toBe(true);
  });

  it('expires what was not viewed for the linger time, and says when the next expiry is', () => {
    const w = new WantedSet();
    w.view('sip:a@x', 0);
    w.view('sip:b@x', 2 * MIN);
    expect(w.nextExpiry()).toBe(LINGER_MS);
    expect(w.expire(LINGER_MS)).toEqual([]); // exactly the linger time: still wanted
    expect(w.expire(LINGER_MS + 1)).toEqual(['sip:a@x']);
    expect(w.nextExpiry()).toBe(2 * MIN + LINGER_MS);
    w.view('sip:b@x', 6 * MIN); // a view renews it
    expect(w.expire(8 * MIN)).toEqual([]);
    expect(w.expire(11 * MIN + 1)).toEqual(['sip:b@x']);
    expect(w.nextExpiry()).toBeUndefined();
  });

  it('survives a round trip through storage, oldest first', () => {
    const w = new WantedSet();
    w.view('sip:a@x', 5);
    w.view('sip:b@x', 7);
    w.view('sip:a@x', 9);
    const stored = JSON.parse(JSON.stringify(w));
    expect(stored).toEqual([
      { uri: 'sip:b@x', viewedAt: 7 },
      { uri: 'sip:a@x', viewedAt: 9 },
    ]);
    expect(WantedSet.fromJSON(stored).toJSON()).toEqual(stored);
  });

  it('drops malformed stored data and applies the capacity', () => {
    expect(WantedSet.fromJSON({ uri: 'x' }).size).toBe(0);
    expect(
      WantedSet.fromJSON([
        null,
        1,
        { uri: '', viewedAt: 1 },
        { uri: 'sip:a@x', viewedAt: 'soon' },
        { uri: 'sip:b@x', viewedAt: 3 },
      ]).toJSON(),
    ).toEqual([{ uri: 'sip:b@x', viewedAt: 3 }]);
    const many = Array.from({ length: 60 }, (_, i) => ({ uri: `sip:u${i}@x`, viewedAt: 60 - i }));
    const w = WantedSet.fromJSON(many);
    expect(w.size).toBe(MAX_SUBSCRIPTIONS);
    expect(w.has('sip:u0@x')).toBe(true); // viewed last (viewedAt 60)
    expect(w.has('sip:u59@x')).toBe(false); // viewed first
  });
});
