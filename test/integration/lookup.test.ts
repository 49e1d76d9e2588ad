// The resolution core against the real loopback DNS world (BIND authoritative + validating unbound, DoH over
// TLS, HTTP/2): no mocked fetch. Numbers and expectations: test/world/zones/README.md.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createNodeFetch } from '../../src/cli/transport.ts';
import type { DohMethod } from '../../src/core/doh/types.ts';
import { EnumClient } from '../../src/core/enum/client.ts';
import { toE164 } from '../../src/core/enum/e164.ts';
import { lookupE164 } from '../../src/core/enum/lookup.ts';
import { resolvePresOfResult } from '../../src/core/presence/uri.ts';
import { readQueryLog } from '../world/query-log.ts';

const world = inject('world');
const transport = createNodeFetch({ ca: readFileSync(world.certFile, 'utf8') });
afterAll(() => transport.close());

function config(over: { dohUrl?: string; method?: DohMethod; suffixes?: string[]; timeoutMs?: number } = {}) {
  return {
    dohUrl: world.unboundDoh,
    method: 'get' as DohMethod,
    suffixes: ['e164.arpa'],
    timeoutMs: 5000,
    fetch: transport.fetch,
    now: Date.now,
    ...over,
  };
}

async function lookup(number: string, over: Parameters<typeof config>[0] = {}) {
  const e164 = toE164(number);
  if (!e164.ok) throw new Error(e164.error.message);
  return lookupE164(e164.value, config(over));
}

describe.each(['get', 'post'] as const)('lookup over unbound DoH (%s)', (method) => {
  it('finds the full terminal set with its pres URI, DNSSEC-validated (a)', async () => {
    const r = await lookup('+43 1 2345678', { method });
    expect(r.status).toBe('found');
    expect(r.domain).toBe('8.7.6.5.4.3.2.1.3.4.e164.arpa');
    expect(r.dnssec).toBe(true);
    expect(r.uris).toEqual([
      { uri: 'sip:alice@example.test', enumservices: ['sip'], order: 100, preference: 10 },
      { uri: 'pres:alice@example.test', enumservices: ['pres'], order: 100, preference: 20 },
      { uri: 'mailto:alice@example.test', enumservices: ['email:mailto'], order: 100, preference: 30 },
      { uri: 'https://example.test/alice', enumservices: ['web:https'], order: 100, preference: 40 },
    ]);
    expect(r.pres).toEqual(['pres:alice@example.test']);
    expect(r.rejected).toEqual([]);
    expect(r.ttl).toBeGreaterThan(0);
    expect(r.ttl).toBeLessThanOrEqual(300);
  });

  it('follows a non-terminal chain across zones and applies the regexp to the original AUS (c)', async () => {
    const r = await lookup('+43 1 2345670', { method });
    expect(r.uris.map((u) => u.uri)).toEqual(['sip:4312345670@sip.example.test', 'pres:4312345670@example.test']);
    expect(r.dnssec).toBe(true);
  });
});

describe('record selection against real answers', () => {
  it('sorts by ORDER then PREFERENCE whatever order BIND rotates the RRset into, case-insensitively', async () => {
    const r = await lookup('+43 1 2345677');
    expect(r.uris.map((u) => [u.order, u.preference, u.uri])).toEqual([
      [10, 5, 'https://example.test/at/12345677'],
      [10, 10, 'pres:dave@example.test'],
      [10, 20, 'mailto:dave@example.test'],
      [10, 50, 'sip:dave@example.test'],
      [20, 10, 'sip:dave-order20@example.test'],
    ]);
  });

  it('follows a chain of exactly 5 referrals', async () => {
    expect((await lookup('+43 1 2345710')).uris.map((u) => u.uri)).toEqual(['sip:deep@example.test']);
  });

  it('stops a chain deeper than 5 and reports why, without failing the lookup', async () => {
    const r = await lookup('+43 1 2345672');
    expect(r.status).toBe('found');
    expect(r.uris).toEqual([]);
    expect(r.rejected.map((x) => x.reason).join('\n')).toMatch(/more than 5/);
  });

  it('detects a non-terminal loop', async () => {
    const r = await lookup('+43 1 2345671');
    expect(r.uris).toEqual([]);
    expect(r.rejected.map((x) => x.reason).join('\n')).toMatch(/loop/);
  });

  it('follows a CNAME at the ENUM name (e)', async () => {
    const r = await lookup('+43 1 2345673');
    expect(r.pres).toEqual(['pres:erin@example.test']);
    expect(r.dnssec).toBe(true);
  });

  it('keeps the good records of a hostile set and rejects the rest with reasons (g)', async () => {
    const r = await lookup('+43 1 2345707');
    expect(r.uris.map((u) => u.uri)).toEqual([
      'sip:grace@example.test',
      'pres:grace@example.test',
      'mailto:grace@example.test',
    ]);
    expect(r.rejected).toHaveLength(6);
    expect(r.rejected[0]).toMatchObject({
      record: expect.stringContaining('javascript:alert(1)'),
      reason: expect.stringMatching(/javascript/),
    });
  });

  it('never lets javascript: or data: through', async () => {
    for (const n of ['+43 1 2345700', '+43 1 2345701']) {
      const r = await lookup(n);
      expect(r.uris).toEqual([]);
      expect(r.rejected).toHaveLength(1);
    }
  });

  it('survives the ReDoS pattern', async () => {
    const r = await lookup('+43 1 2345706');
    expect(r.uris).toEqual([]);
    expect(r.rejected[0]?.reason).toMatch(/does not match/);
  });

  it('skips malformed regexps (served by unbound local-data, so not validated) and keeps the good record', async () => {
    const r = await lookup('+43 1 2345708');
    expect(r.uris.map((u) => u.uri)).toEqual(['sip:henry@example.test']);
    expect(r.rejected.length).toBeGreaterThanOrEqual(5);
    expect(r.dnssec).toBe(false);
  });
});

describe('negative answers and suffixes', () => {
  it('NODATA: the name exists without NAPTR → not-found, and no fallback is needed to say so', async () => {
    const r = await lookup('+43 1 2345674');
    expect(r.status).toBe('not-found');
    expect(r.dnssec).toBe(true); // authenticated denial
    expect(r.ttl).toBeGreaterThan(0);
  });

  it('NODATA in the first suffix moves on to the next one, as NXDOMAIN does (README "The CLI")', async () => {
    const r = await lookup('+43 1 2345674', { suffixes: ['e164.arpa', 'e164.test'] });
    expect(r.status).toBe('not-found');
    expect(r.domain).toBe('4.7.6.5.4.3.2.1.3.4.e164.arpa'); // the first asked when none answered
    const asked = await readQueryLog(world);
    expect(asked).toContain('4.7.6.5.4.3.2.1.3.4.e164.arpa');
    expect(asked).toContain('4.7.6.5.4.3.2.1.3.4.e164.test');
  });

  it('NXDOMAIN in the first suffix falls back to the next one', async () => {
    const r = await lookup('+43 1 2345675', { suffixes: ['e164.arpa', 'e164.test'] });
    expect(r.status).toBe('found');
    expect(r.domain).toBe('5.7.6.5.4.3.2.1.3.4.e164.test');
    expect(r.pres).toEqual(['pres:carol@example.test']);
  });

  it('does not fall back when the first suffix answers', async () => {
    const r = await lookup('+43 1 2345678', { suffixes: ['e164.test', 'e164.arpa'] });
    expect(r.uris.map((u) => u.uri)).toEqual(['sip:alice-e164-test@example.test']);
  });

  it('NXDOMAIN everywhere → not-found with a negative TTL', async () => {
    const r = await lookup('+43 1 2345676', { suffixes: ['e164.arpa', 'e164.test'] });
    expect(r.status).toBe('not-found');
    expect(r.ttl).toBeGreaterThan(0);
  });
});

describe('DNSSEC and failures', () => {
  it('SERVFAIL from a zone with broken signatures is an error, not "no records"', async () => {
    const r = await lookup('+43 1 2345678', { suffixes: ['broken.test'] });
    expect(r.status).toBe('error');
    expect(r.error?.code).toBe('servfail');
  });

  it('an unsigned zone answers without dnssec', async () => {
    const r = await lookup('+43 1 2345678', { suffixes: ['unsigned.test'] });
    expect(r.pres).toEqual(['pres:alice-unsigned@example.test']);
    expect(r.dnssec).toBe(false);
  });

  it("BIND's own DoH endpoint answers authoritatively, without AD", async () => {
    const r = await lookup('+43 1 2345678', { dohUrl: world.bindDoh });
    expect(r.pres).toEqual(['pres:alice@example.test']);
    expect(r.dnssec).toBe(false);
  });

  it('times out against a server that never answers', async () => {
    const r = await lookup('+43 1 2345678', { dohUrl: world.hangingDoh, timeoutMs: 300 });
    expect(r.status).toBe('error');
    expect(r.error?.code).toBe('timeout');
  });

  it('reports HTTP errors clearly (wrong path on unbound)', async () => {
    const r = await lookup('+43 1 2345678', { dohUrl: world.unboundDoh.replace('/dns-query', '/nope') });
    expect(r.error?.code).toBe('http-status');
    expect(r.error?.message).toMatch(/404/);
  });

  it('reports a refused connection as a network error', async () => {
    const r = await lookup('+43 1 2345678', { dohUrl: 'https://127.0.0.1:1/dns-query' });
    expect(r.error?.code).toBe('network');
  });
});

describe('pres URIs (RFC 3861) and the cache', () => {
  it('resolves pres:alice@example.test to its SIP and XMPP SRV targets', async () => {
    const r = await lookup('+43 1 2345678');
    await resolvePresOfResult(r, config());
    expect(r.presResolution).toEqual([
      {
        uri: 'pres:alice@example.test',
        user: 'alice',
        domain: 'example.test',
        protocols: [
          {
            protocol: 'sip',
            srv: '_pres._sip.example.test',
            targets: [{ target: 'sip.example.test', port: 5060, priority: 10, weight: 0 }],
          },
          {
            protocol: 'xmpp',
            srv: '_pres._xmpp.example.test',
            targets: [{ target: 'xmpp.example.test', port: 5269, priority: 10, weight: 0 }],
          },
        ],
      },
    ]);
  });

  it('reports only the protocols that exist (XMPP-only domain)', async () => {
    const r = await lookup('+43 1 2345711');
    await resolvePresOfResult(r, config());
    expect(r.presResolution?.[0]?.protocols.map((p) => p.protocol)).toEqual(['xmpp']);
  });

  it('answers a repeated lookup from cache without a query, and shares concurrent lookups', async () => {
    let requests = 0;
    const counting = {
      ...transport,
      fetch: ((url, init) => (requests++, transport.fetch(url, init))) as typeof transport.fetch,
    };
    const client = new EnumClient({ fetch: counting.fetch, now: Date.now });
    const settings = { dohUrl: world.unboundDoh, method: 'get' as const, suffixes: ['e164.arpa'] };
    const [a, b] = await Promise.all([client.lookup('+4312345679', settings), client.lookup('+4312345679', settings)]);
    expect(requests).toBe(1);
    expect(a.result).toEqual(b.result);
    const again = await client.lookup('+4312345679', settings);
    expect(again.fromCache).toBe(true);
    expect(requests).toBe(1);
    expect(again.result.uris.map((u) => u.uri)).toEqual(['sip:bob@example.test']);
  });
});
