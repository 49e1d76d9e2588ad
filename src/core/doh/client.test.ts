// The DoH client against an in-test fake transport (unit tests only; real resolvers are in test/integration).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  fromHex,
  bytes,
  header,
  name,
  naptr,
  opt,
  ptr,
  question,
  rr,
  soa,
  type Bytes,
  RESPONSE,
} from '../../../test/fixtures/dns/build.ts';
import { dohQuery } from './client.ts';
import type { DohQuery, FetchLike, ResponseLike } from './types.ts';

const QNAME = '1.2.3.4.e164.arpa';
const NAPTR = 35;
const query = (over: Partial<DohQuery> = {}): DohQuery => ({
  url: 'https://dns.example/dns-query',
  method: 'get',
  name: QNAME,
  type: NAPTR,
  timeoutMs: 500,
  ...over,
});

interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: Uint8Array | string;
}
const response = ({
  status = 200,
  headers = { 'content-type': 'application/dns-message' },
  body = new Uint8Array(),
}: Reply): ResponseLike => ({
  status,
  headers: {
    get: (n: string) => Object.entries(headers).find(([k]) => k.toLowerCase() === n.toLowerCase())?.[1] ?? null,
  },
  arrayBuffer: async () => {
    const b = typeof body === 'string' ? new TextEncoder().encode(body) : body;
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  },
});
const fake = (reply: Reply | (() => Promise<ResponseLike>)) => {
  const calls: Parameters<FetchLike>[] = [];
  const fetch: FetchLike = (url, init) => {
    calls.push([url, init]);
    return typeof reply === 'function' ? reply() : Promise.resolve(response(reply));
  };
  return { fetch, calls };
};

const SIP = naptr(100, 10, 'u', 'E2U+sip', '!^.*$!sip:a@example.com!', name(''));
const PRES = naptr(100, 20, 'u', 'E2U+pres', '!^.*$!pres:a@example.com!', name(''));
const ZONE_SOA = rr(name('e164.arpa'), 6, 900, soa(name('ns.example'), name('h.example'), 1, 2, 3, 4, 300));
/** A response to QNAME/NAPTR; `flags` defaults to QR RD RA. */
const answer = (o: { flags?: number; id?: number; q?: Bytes; an?: Bytes[]; ns?: Bytes[] } = {}) =>
  bytes(
    header({ id: o.id ?? 0, flags: o.flags ?? RESPONSE, an: o.an?.length ?? 0, ns: o.ns?.length ?? 0, ar: 1 }),
    o.q ?? question(name(QNAME), NAPTR),
    ...(o.an ?? []),
    ...(o.ns ?? []),
    opt(1232, 0, true),
  );
const run = async (reply: Reply, q: Partial<DohQuery> = {}) => dohQuery(query(q), fake(reply).fetch);
const value = async (reply: Reply, q: Partial<DohQuery> = {}) => {
  const r = await run(reply, q);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
const code = async (reply: Reply | (() => Promise<ResponseLike>), q: Partial<DohQuery> = {}) => {
  const r = await dohQuery(query(q), fake(reply).fetch);
  return r.ok ? 'ok' : r.error.code;
};

describe('dohQuery: answers', () => {
  it('NOERROR: records of the asked type, min TTL, AD, Age', async () => {
    const r = await value({
      headers: { 'Content-Type': 'Application/DNS-Message; charset=binary', age: '17' },
      body: answer({
        flags: RESPONSE | 0x20,
        an: [rr(ptr(12), NAPTR, 300, SIP), rr(ptr(12), NAPTR, 120, PRES), rr(ptr(12), 46, 30, [1, 2])],
      }),
    });
    expect(r.status).toBe('NOERROR');
    expect(r.records.map((x) => x.data)).toMatchObject([{ services: 'E2U+sip' }, { services: 'E2U+pres' }]);
    expect(r.answers).toHaveLength(3);
    expect(r.ttl).toBe(120); // the RRSIG is not used
    expect(r.authenticData).toBe(true);
    expect(r.ageSeconds).toBe(17);
    expect(r.cnames).toEqual([]);
  });

  it('follows a CNAME chain within the answer; TTL includes the CNAMEs', async () => {
    const r = await value({
      body: answer({
        an: [
          rr(ptr(12), 5, 50, name('B.example')),
          rr(name('b.example'), 5, 500, name('c.example')),
          rr(name('c.example'), NAPTR, 400, SIP),
          rr(ptr(12), NAPTR, 10, PRES), // not at the end of the chain: ignored
        ],
      }),
    });
    expect(r.status).toBe('NOERROR');
    expect(r.cnames).toEqual(['B.example', 'c.example']);
    expect(r.records.map((x) => x.name)).toEqual(['c.example']);
    expect(r.ttl).toBe(50);
  });

  it('NODATA: negative TTL min(SOA TTL, MINIMUM) (RFC 2308 §5)', async () => {
    const r = await value({ body: answer({ ns: [ZONE_SOA] }) });
    expect([r.status, r.rcode, r.ttl, r.records]).toEqual(['NODATA', 0, 300, []]);
  });

  it('NXDOMAIN: SOA TTL when smaller than MINIMUM; 60 s without SOA', async () => {
    const low = rr(name('e164.arpa'), 6, 45, soa(name('ns.example'), name('h.example'), 1, 2, 3, 4, 300));
    expect(await value({ body: answer({ flags: RESPONSE | 3, ns: [low] }) })).toMatchObject({
      status: 'NXDOMAIN',
      rcode: 3,
      ttl: 45,
    });
    expect(await value({ body: answer({ flags: RESPONSE | 3 }) })).toMatchObject({ status: 'NXDOMAIN', ttl: 60 });
  });

  it('NXDOMAIN at the end of a CNAME chain keeps the chain and its TTL', async () => {
    const r = await value({
      body: answer({ flags: RESPONSE | 3, an: [rr(ptr(12), 5, 20, name('gone.example'))], ns: [ZONE_SOA] }),
    });
    expect(r).toMatchObject({ status: 'NXDOMAIN', cnames: ['gone.example'], ttl: 20 });
  });

  it.each([
    [2, 'SERVFAIL'],
    [5, 'REFUSED'],
    [4, 'OTHER'],
  ])('rcode %i → %s with TTL 0', async (rcode, status) => {
    expect(await value({ body: answer({ flags: RESPONSE | rcode }) })).toMatchObject({ status, rcode, ttl: 0 });
  });

  it('an error response without a question is still an answer', async () => {
    expect(await value({ body: bytes(header({ flags: RESPONSE | 5, qd: 0 })) })).toMatchObject({ status: 'REFUSED' });
  });

  it('matches the question case-insensitively', async () => {
    expect(
      (
        await value({
          body: answer({ q: question(name(QNAME.toUpperCase().replace('E164.ARPA', 'E164.Arpa')), NAPTR) }),
        })
      ).status,
    ).toBe('NODATA');
  });
});

describe('dohQuery: recorded BIND responses (test/fixtures/dns)', () => {
  const fixture = (file: string) =>
    fromHex(readFileSync(new URL(`../../../test/fixtures/dns/${file}.hex`, import.meta.url), 'utf8'));
  const OWNER = '4.4.2.2.3.3.5.6.8.1.4.4.e164.arpa';

  it('NOERROR through a CNAME', async () => {
    const r = await value({ body: fixture('bind-cname-naptr') }, { name: 'Alias.1.E164.arpa' });
    expect(r).toMatchObject({ status: 'NOERROR', cnames: [OWNER], ttl: 3600, authenticData: false });
    expect(r.records).toHaveLength(3);
  });

  it('NXDOMAIN with SOA negative TTL', async () => {
    expect(await value({ body: fixture('bind-nxdomain') }, { name: '9.9.9.e164.arpa' })).toMatchObject({
      status: 'NXDOMAIN',
      ttl: 300,
    });
  });

  it('mismatch when the recorded answer is for another name', async () => {
    expect(await code({ body: fixture('bind-naptr') })).toBe('mismatch');
  });
});

describe('dohQuery: transports', () => {
  it('GET sends ?dns= and the privacy options; POST sends the body', async () => {
    const get = fake({ body: answer() });
    await dohQuery(query(), get.fetch);
    const [url, init] = get.calls[0] ?? [];
    expect(url).toMatch(/^https:\/\/dns\.example\/dns-query\?dns=[A-Za-z0-9_-]+$/);
    expect(init).toMatchObject({
      method: 'GET',
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
    });
    expect(init?.signal).toBeInstanceOf(AbortSignal);
    const post = fake({ body: answer() });
    await dohQuery(query({ method: 'post' }), post.fetch);
    expect(post.calls[0]?.[1]).toMatchObject({
      method: 'POST',
      headers: { 'content-type': 'application/dns-message' },
    });
    expect(post.calls[0]?.[1].body?.length).toBe(128);
  });

  it('JSON: parses the body, AD from the AD field', async () => {
    const body = JSON.stringify({
      Status: 0,
      TC: false,
      AD: true,
      Question: [{ name: `${QNAME}.`, type: NAPTR }],
      Answer: [{ name: `${QNAME}.`, type: NAPTR, TTL: 77, data: '100 10 "u" "E2U+sip" "!^.*$!sip:a@b!" .' }],
    });
    for (const type of ['application/dns-json', 'application/json; charset=UTF-8']) {
      const r = await value({ headers: { 'content-type': type }, body }, { method: 'json' });
      expect(r).toMatchObject({
        status: 'NOERROR',
        ttl: 77,
        authenticData: true,
        records: [{ data: { regexp: '!^.*$!sip:a@b!' } }],
      });
    }
    expect(
      await code(
        {
          headers: { 'content-type': 'application/dns-json' },
          body: JSON.stringify({ Status: 0, TC: true, Question: [{ name: QNAME, type: NAPTR }] }),
        },
        { method: 'json' },
      ),
    ).toBe('truncated');
    expect(await code({ headers: { 'content-type': 'application/dns-message' }, body }, { method: 'json' })).toBe(
      'bad-content-type',
    );
  });
});

describe('dohQuery: failures', () => {
  it('http-status for non-2xx, with the status in the message', async () => {
    const r = await run({ status: 503 });
    expect(r.ok ? '' : `${r.error.code} ${r.error.message}`).toMatch(/^http-status .*503/);
  });

  it('bad-content-type for a 200 with a garbage body (Firefox h2c case) or no content type', async () => {
    expect(await code({ headers: { 'content-type': 'text/html' }, body: '<html>' })).toBe('bad-content-type');
    expect(await code({ headers: {}, body: answer() })).toBe('bad-content-type');
    expect(await code({ headers: { 'content-type': 'application/dns-json' }, body: answer() })).toBe(
      'bad-content-type',
    );
  });

  it('malformed for an undecodable body, naming the decoder error', async () => {
    const r = await run({ body: Uint8Array.from([0x50, 0x52, 0x49, 0x20, 0x2a]) });
    expect(r.ok ? '' : `${r.error.code} ${r.error.message}`).toMatch(/^malformed .*truncated/);
  });

  it('mismatch for another name, type, ID or a non-response', async () => {
    expect(await code({ body: answer({ q: question(name('other.example'), NAPTR) }) })).toBe('mismatch');
    expect(await code({ body: answer({ q: question(name(QNAME), 1) }) })).toBe('mismatch');
    expect(await code({ body: answer({ id: 7 }) })).toBe('mismatch');
    expect(await code({ body: answer({ flags: 0x0100 }) })).toBe('mismatch');
    expect(await code({ body: bytes(header({ qd: 0 })) })).toBe('mismatch');
  });

  it('truncated when TC is set', async () => {
    expect(await code({ body: answer({ flags: RESPONSE | 0x0200 }) })).toBe('truncated');
  });

  it('malformed for a CNAME loop', async () => {
    const loop = answer({ an: [rr(ptr(12), 5, 1, name('a.example')), rr(name('a.example'), 5, 1, name(QNAME))] });
    expect(await code({ body: loop })).toBe('malformed');
  });

  it('network when fetch rejects (also for a refused redirect)', async () => {
    const r = await dohQuery(query(), fake(() => Promise.reject(new TypeError('fetch failed'))).fetch);
    expect(r.ok ? '' : `${r.error.code} ${r.error.message}`).toMatch(/^network .*fetch failed/);
  });

  it('timeout when no answer comes in time, whether or not the transport honours the signal', async () => {
    let aborted = false;
    const honours: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal.addEventListener('abort', () => {
          aborted = true;
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    const started = Date.now();
    const r1 = await dohQuery(query({ timeoutMs: 30 }), honours);
    expect(r1.ok ? '' : r1.error.code).toBe('timeout');
    expect(aborted).toBe(true);
    const r2 = await dohQuery(query({ timeoutMs: 30 }), () => new Promise(() => {}));
    expect(r2.ok ? '' : r2.error.code).toBe('timeout');
    const slowBody = await dohQuery(query({ timeoutMs: 30 }), async () => ({
      ...response({}),
      arrayBuffer: () => new Promise<ArrayBuffer>(() => {}),
    }));
    expect(slowBody.ok ? '' : slowBody.error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('bad-url and bad-query without calling fetch', async () => {
    const f = fake({});
    expect((await dohQuery(query({ url: 'ftp://x' }), f.fetch)).ok).toBe(false);
    expect((await dohQuery(query({ name: 'a..b' }), f.fetch)).ok).toBe(false);
    expect(f.calls).toHaveLength(0);
  });

  it('Age: only a non-negative integer counts', async () => {
    for (const [age, expected] of [
      ['5', 5],
      ['-3', 0],
      ['1.5', 0],
      ['abc', 0],
      [' 9 ', 9],
    ] as const) {
      expect(
        (await value({ headers: { 'content-type': 'application/dns-message', age }, body: answer() })).ageSeconds,
      ).toBe(expected);
    }
  });
  it('Age: a value too large to represent is 2^31 seconds, very old (RFC 9111 §1.2.2), never 0', async () => {
    for (const [age, expected] of [
      ['2147483647', 2147483647],
      ['2147483648', 2 ** 31],
      ['9999999999', 2 ** 31],
      ['99999999999999999999', 2 ** 31],
      ['1'.repeat(400), 2 ** 31],
    ] as const) {
      expect(
        (await value({ headers: { 'content-type': 'application/dns-message', age }, body: answer() })).ageSeconds,
        age,
      ).toBe(expected);
    }
  });
});

describe('dohQuery: the body is read as a stream and dropped at the size limit', () => {
  /** A body that never ends, counting what was pulled from it and whether it was cancelled. */
  function endless(contentType: string) {
    const seen = { pulled: 0, cancelled: false };
    const chunk = new Uint8Array(16 * 1024);
    const body = new ReadableStream<Uint8Array>({
      pull(c) {
        seen.pulled += chunk.length;
        c.enqueue(chunk);
      },
      cancel() {
        seen.cancelled = true;
      },
    });
    const reply: ResponseLike = {
      status: 200,
      headers: { get: (n) => (n.toLowerCase() === 'content-type' ? contentType : null) },
      arrayBuffer: () =>
        new Promise(() => {
          /* never resolves: only the stream may be read */
        }),
      body,
    };
    return { seen, fetch: (() => Promise.resolve(reply)) as FetchLike };
  }

  it.each([
    ['get', 'application/dns-message', 65_535],
    ['json', 'application/dns-json', 1 << 20],
  ] as const)('%s: stops after %s octets with code too-large, and cancels the stream', async (method, type, max) => {
    const { seen, fetch } = endless(type);
    const r = await dohQuery(query({ method, timeoutMs: 5000 }), fetch);
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'too-large',
        message: `https://dns.example sent more than ${max} octets, which is not a DNS answer`,
      },
    });
    expect(seen.cancelled).toBe(true);
    expect(seen.pulled).toBeLessThanOrEqual(max + 3 * 16 * 1024);
  });

  it('a body it does not read (wrong content type) is cancelled, so the transport can drop it', async () => {
    const { seen, fetch } = endless('text/html');
    const r = await dohQuery(query(), fetch);
    expect(!r.ok && r.error.code).toBe('bad-content-type');
    expect(seen.cancelled).toBe(true);
  });

  it('a streamed answer within the limit decodes as before', async () => {
    const wire = answer({ an: [rr(ptr(12), NAPTR, 300, SIP)] });
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(wire.slice(0, 7));
        c.enqueue(wire.slice(7));
        c.close();
      },
    });
    const reply: ResponseLike = { ...response({}), body };
    const r = await dohQuery(query(), (() => Promise.resolve(reply)) as FetchLike);
    expect(r.ok && r.value.records).toHaveLength(1);
  });
});
