// Cached answers are partitioned by top-level site: the background's EnumClient, keyed as the background keys it,
// over a fetch that serves a recorded BIND answer and counts the queries that reach it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromHex } from '../../test/fixtures/dns/build.ts';
import { EnumClient, type LookupSettings } from '../core/enum/client.ts';
import { createMemoryStore } from '../core/store.ts';
import type { FetchLike } from '../core/doh/types.ts';
import { cachePartition, EXTENSION_PARTITION } from './cache-partition.ts';

const answer = fromHex(readFileSync(new URL('../../test/fixtures/dns/bind-naptr.hex', import.meta.url), 'utf8'));
const E164 = '+441865332244'; // 4.4.2.2.3.3.5.6.8.1.4.4.e164.arpa, the recorded answer's question

function world() {
  let queries = 0;
  const fetch: FetchLike = async () => {
    queries++;
    return new Response(answer.slice(), { status: 200, headers: { 'content-type': 'application/dns-message' } });
  };
  const client = new EnumClient({ fetch, now: Date.now, store: createMemoryStore() });
  const settings = (partition: string): LookupSettings => ({
    dohUrl: 'https://doh.example/dns-query',
    method: 'post',
    suffixes: ['e164.arpa'],
    ...(partition ? { partition } : {}),
  });
  return { client, settings, queries: () => queries };
}

const tab = (tabUrl: string | undefined, url: string, frameId = 0) => ({ tabId: 7, frameId, url, tabUrl });

describe('cachePartition', () => {
  it("is the tab's top-level origin, for every frame of the page", () => {
    expect(cachePartition(tab('https://a.example/contact', 'https://a.example/contact'))).toBe('https://a.example');
    expect(cachePartition(tab('https://a.example/', 'https://widget.b.example/x', 3))).toBe('https://a.example');
    expect(cachePartition(tab(undefined, 'https://a.example:8443/'))).toBe('https://a.example:8443');
  });
  it("falls back to a frame's own origin, and keeps opaque origins to their tab", () => {
    expect(cachePartition(tab(undefined, 'https://b.example/frame', 2))).toBe('frame https://b.example');
    expect(cachePartition(tab(undefined, 'about:blank', 2))).toBe('frame opaque 7');
  });
  it('gives extension pages (popup, options) their own partition', () => {
    expect(
      cachePartition({
        tabId: undefined,
        frameId: 0,
        url: 'chrome-extension://id/src/popup/index.html',
        tabUrl: undefined,
      }),
    ).toBe(EXTENSION_PARTITION);
  });
});

describe('the lookup cache, partitioned', () => {
  it("does not serve site B from site A's entry: B's lookup goes to the network", async () => {
    const { client, settings, queries } = world();
    const a = settings(cachePartition(tab('https://a.example/', 'https://a.example/')));
    const b = settings(cachePartition(tab('https://b.example/', 'https://b.example/')));
    const first = await client.lookup(E164, a);
    expect(first.fromCache).toBe(false);
    expect(first.result.status).toBe('found');
    expect(queries()).toBe(1);
    expect(await client.cached(E164, b)).toBeUndefined();
    const fromB = await client.lookup(E164, b);
    expect(fromB.fromCache).toBe(false);
    expect(queries()).toBe(2);
    expect((await client.lookup(E164, a)).fromCache).toBe(true);
    expect((await client.lookup(E164, b)).fromCache).toBe(true);
    expect(queries()).toBe(2);
  });
  it('does not share a lookup in flight across sites either', async () => {
    const { client, settings, queries } = world();
    await Promise.all([
      client.lookup(E164, settings('https://a.example')),
      client.lookup(E164, settings('https://b.example')),
    ]);
    expect(queries()).toBe(2);
  });
  it("the popup reads a tab through that tab's partition", async () => {
    const { client, settings } = world();
    await client.lookup(E164, settings('https://a.example'));
    expect(await client.cached(E164, settings('https://a.example'))).toBeDefined();
    expect(await client.cached(E164, settings(EXTENSION_PARTITION))).toBeUndefined();
  });
});
