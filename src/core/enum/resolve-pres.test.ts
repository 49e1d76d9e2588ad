// --resolve-pres (README "The CLI": `presResolution`, `dnssec`, `ttl`): the SRV answers behind presResolution
// are DNS responses the result used. A fetch serves built answers by question name (recorded-style wire data):
// a DNSSEC-validated NAPTR set (AD, TTL 300) and `_pres._sip` / `_pres._xmpp` SRV answers whose AD and TTL vary.
import { describe, expect, it } from 'vitest';
import { bytes, header, name, naptr, opt, question, rr, soa, u16, RESPONSE } from '../../../test/fixtures/dns/build.ts';
import type { FetchLike } from '../doh/types.ts';
import { EnumClient, type LookupSettings } from './client.ts';

const E164 = '+431234';
const ENUM_NAME = '4.3.2.1.3.4.e164.arpa';
const NAPTR = 35;
const SRV = 33;
const SOA = 6;
const AD = 0x0020;
const NXDOMAIN = 3;

interface Served {
  ad: boolean;
  ttl: number;
  /** SRV target, or NXDOMAIN when absent. */
  target?: string;
}

/** The question name of a wire query (uncompressed, right after the 12-octet header). */
function qname(q: Uint8Array): string {
  const labels: string[] = [];
  for (let i = 12; q[i]; i += q[i]! + 1) labels.push(new TextDecoder().decode(q.slice(i + 1, i + 1 + q[i]!)));
  return labels.join('.');
}

function world(naptrUri: string | undefined, srv: Record<string, Served>) {
  const asked: string[] = [];
  const fetch: FetchLike = async (_url, init) => {
    const owner = qname(new Uint8Array(init!.body as ArrayBuffer | Uint8Array));
    asked.push(owner);
    const q = question(name(owner), owner === ENUM_NAME ? NAPTR : SRV);
    let body: Uint8Array;
    if (owner === ENUM_NAME && naptrUri) {
      const rdata = naptr(
        100,
        10,
        'u',
        naptrUri.startsWith('pres:') ? 'E2U+pres' : 'E2U+sip',
        `!^.*$!${naptrUri}!`,
        name(''),
      );
      body = bytes(header({ an: 1, ar: 1, flags: RESPONSE | AD }), q, rr(name(owner), NAPTR, 300, rdata), opt());
    } else {
      const s = srv[owner];
      const flags = RESPONSE | (s?.ad === false ? 0 : AD);
      if (s?.target) {
        const rdata = [...u16(10), ...u16(0), ...u16(5060), ...name(s.target)];
        body = bytes(header({ an: 1, ar: 1, flags }), q, rr(name(owner), SRV, s.ttl, rdata), opt());
      } else {
        const zone = soa(name('ns1.example.test'), name('hostmaster.example.test'), 1, 3600, 600, 86400, s?.ttl ?? 300);
        body = bytes(
          header({ ns: 1, ar: 1, flags: flags | NXDOMAIN }),
          q,
          rr(name('example.test'), SOA, 300, zone),
          opt(),
        );
      }
    }
    return new Response(body.slice(), { status: 200, headers: { 'content-type': 'application/dns-message' } });
  };
  const settings: LookupSettings = {
    dohUrl: 'https://doh.example/dns-query',
    method: 'post',
    suffixes: ['e164.arpa'],
    resolvePres: true,
  };
  return { client: new EnumClient({ fetch, now: () => 1_000_000 }), settings, asked };
}

describe('lookup with resolvePres', () => {
  it('gives presResolution [] when the result has no pres: URI', async () => {
    const { client, settings } = world('sip:a@example.test', {});
    const { result } = await client.lookup(E164, settings);
    expect(result.status).toBe('found');
    expect(result.presResolution).toEqual([]);
  });

  it('gives presResolution [] when nothing was found', async () => {
    const { client, settings } = world(undefined, {});
    const { result } = await client.lookup(E164, settings);
    expect(result.status).toBe('not-found');
    expect(result.presResolution).toEqual([]);
  });

  // README: `dnssec` is true only when every DNS response used had AD; `ttl` is the smallest TTL used.
  it('folds the AD bit and TTL of the SRV answers into dnssec and ttl (and the cache follows)', async () => {
    const { client, settings } = world('pres:a@example.test', {
      '_pres._sip.example.test': { ad: false, ttl: 5, target: 'sip.example.test' },
      '_pres._xmpp.example.test': { ad: true, ttl: 300 },
    });
    const { result } = await client.lookup(E164, settings);
    expect(result.presResolution?.[0]?.protocols[0]?.targets[0]?.target).toBe('sip.example.test');
    expect([result.dnssec, result.ttl]).toEqual([false, 5]);
    expect((await client.cache.get(EnumClient.cacheKey(E164, settings)))?.expiresAt).toBe(1_000_000 + 5_000);
  });

  it('stays validated when every SRV answer had AD, with the smallest TTL of all', async () => {
    const { client, settings } = world('pres:a@example.test', {
      '_pres._sip.example.test': { ad: true, ttl: 60, target: 'sip.example.test' },
      '_pres._xmpp.example.test': { ad: true, ttl: 120 },
    });
    const { result } = await client.lookup(E164, settings);
    expect([result.dnssec, result.ttl]).toEqual([true, 60]);
  });

  it('counts a negative SRV answer without AD as used', async () => {
    const { client, settings } = world('pres:a@example.test', {
      '_pres._sip.example.test': { ad: true, ttl: 600, target: 'sip.example.test' },
      '_pres._xmpp.example.test': { ad: false, ttl: 30 },
    });
    const { result } = await client.lookup(E164, settings);
    expect([result.dnssec, result.ttl]).toEqual([false, 30]);
  });
});
