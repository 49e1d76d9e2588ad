// EnumClient.answered: what a view was shown stays there for it to act on (viewPresence watches the pres URIs of
// the number's answer), even when the answer's TTL is 0 or runs out before the view asks. A fake clock and a fetch
// that serves one built NAPTR answer with the TTL (and HTTP Age) under test.
import { describe, expect, it } from 'vitest';
import { bytes, header, name, naptr, opt, ptr, question, rr, RESPONSE } from '../../../test/fixtures/dns/build.ts';
import type { FetchLike } from '../doh/types.ts';
import { EnumClient, type LookupSettings } from './client.ts';
import { ANSWERED_GRACE_MS } from './answer-grace.ts';
import { createMemoryStore } from '../store.ts';

const E164 = '+431234';
const NAPTR = 35;
const PRES = 'pres:a@example.test';
const answer = (ttl: number) =>
  bytes(
    header({ an: 1, ar: 1, flags: RESPONSE }),
    question(name('4.3.2.1.3.4.e164.arpa'), NAPTR),
    rr(ptr(12), NAPTR, ttl, naptr(100, 10, 'u', 'E2U+pres', `!^.*$!${PRES}!`, name(''))),
    opt(1232, 0, true),
  );

function world(ttl: number, age = 0, status = 200) {
  let now = 1_000_000;
  const fetch: FetchLike = async () =>
    new Response(answer(ttl).slice(), {
      status,
      headers: { 'content-type': 'application/dns-message', age: String(age) },
    });
  const store = createMemoryStore();
  const client = new EnumClient({ fetch, now: () => now, store });
  const settings = (partition = ''): LookupSettings => ({
    dohUrl: 'https://doh.example/dns-query',
    method: 'post',
    suffixes: ['e164.arpa'],
    ...(partition ? { partition } : {}),
  });
  /** A new client over the same store and clock: the worker stopped and started again. */
  const restarted = () => new EnumClient({ fetch, now: () => now, store });
  return { client, settings, later: (ms: number) => (now += ms), restarted };
}

describe('EnumClient.answered', () => {
  it('gives a found answer with TTL 0 (not cached) to the view that was shown it', async () => {
    const { client, settings } = world(0);
    const { result } = await client.lookup(E164, settings());
    expect([result.status, result.ttl, result.pres]).toEqual(['found', 0, [PRES]]);
    expect(await client.cached(E164, settings())).toBeUndefined(); // TTL 0: never served to a lookup
    expect((await client.answered(E164, settings()))?.pres).toEqual([PRES]);
  });

  it('gives an answer whose TTL (minus the HTTP Age) ran out before the view asked', async () => {
    const { client, settings, later } = world(300, 299);
    expect((await client.lookup(E164, settings())).result.ttl).toBe(1);
    later(2000);
    expect(await client.cached(E164, settings())).toBeUndefined();
    expect((await client.answered(E164, settings()))?.pres).toEqual([PRES]);
  });

  it('gives a fresh cached answer whatever its age, and none after the grace once the TTL ran out', async () => {
    const { client, settings, later } = world(600);
    await client.lookup(E164, settings());
    later(ANSWERED_GRACE_MS + 1000);
    expect((await client.answered(E164, settings()))?.pres).toEqual([PRES]); // still fresh (600 s)
    const short = world(0);
    await short.client.lookup(E164, short.settings());
    short.later(ANSWERED_GRACE_MS + 1);
    expect(await short.client.answered(E164, short.settings())).toBeUndefined();
  });

  it('is kept per cache partition, and never holds a failed lookup', async () => {
    const { client, settings } = world(0);
    await client.lookup(E164, settings('https://a.example'));
    expect(await client.answered(E164, settings('https://b.example'))).toBeUndefined();
    expect(await client.answered(E164, settings())).toBeUndefined();
    const failing = world(0, 0, 503);
    expect((await failing.client.lookup(E164, failing.settings())).result.status).toBe('error');
    expect(await failing.client.answered(E164, failing.settings())).toBeUndefined();
  });

  it('is mirrored like the cache: a restarted worker still gives it, within the grace only', async () => {
    const { client, settings, later, restarted } = world(0);
    await client.lookup(E164, settings());
    await new Promise((resolve) => setTimeout(resolve, 0)); // the mirror is written after the answer goes out
    later(ANSWERED_GRACE_MS - 1000);
    expect((await restarted().answered(E164, settings()))?.pres).toEqual([PRES]);
    later(1000);
    expect(await restarted().answered(E164, settings())).toBeUndefined();
  });

  it('forgets with the cache (clear)', async () => {
    const { client, settings } = world(0);
    await client.lookup(E164, settings());
    await client.clear();
    expect(await client.answered(E164, settings())).toBeUndefined();
  });
});
