import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../result.ts';
import type { FetchLike } from '../doh/types.ts';
import { srvLookupOverDoh, subscribeTarget, type SrvLookup } from './target.ts';

/** An SRV world as a map: owner → answer; every name asked is recorded. */
function world(answers: Record<string, Result<'present' | 'absent'>>): SrvLookup & { asked: string[] } {
  const asked: string[] = [];
  const lookup = async (owner: string) => {
    asked.push(owner);
    return answers[owner] ?? ok('absent' as const);
  };
  return Object.assign(lookup, { asked });
}

describe('subscribeTarget', () => {
  it.each(['sip:alice@example.com', 'sips:bob@example.org;transport=tcp', 'SIP:carol@Example.NET'])(
    'takes %s as it is, asking no DNS',
    async (uri) => {
      const srv = world({});
      expect(await subscribeTarget(uri, srv)).toEqual(ok({ uri, via: 'sip-uri' }));
      expect(srv.asked).toEqual([]);
    },
  );

  it.each(['sip:example.com', 'sip:', 'sip:a b@example.com', 'sip:a@b@c', 'sip:a@b\u0000'])(
    'refuses the SIP URI %j',
    async (uri) => {
      const r = await subscribeTarget(uri, world({}));
      expect(!r.ok && r.error.code).toBe('bad-sip-uri');
    },
  );

  it('maps pres: to sip: when _pres._sip SRV exists', async () => {
    const srv = world({ '_pres._sip.example.com': ok('present'), '_pres._xmpp.example.com': ok('present') });
    expect(await subscribeTarget('pres:alice@Example.COM', srv)).toEqual(
      ok({ uri: 'sip:alice@example.com', via: 'pres-sip-srv' }),
    );
    expect(srv.asked.sort()).toEqual(['_pres._sip.example.com', '_pres._xmpp.example.com']);
  });

  it('maps pres: to sip: when no _pres SRV exists at all', async () => {
    expect(await subscribeTarget('pres:alice@example.com?subject=x', world({}))).toEqual(
      ok({ uri: 'sip:alice@example.com', via: 'pres-no-srv' }),
    );
  });

  it('says xmpp-unsupported when only _pres._xmpp exists', async () => {
    const r = await subscribeTarget(
      'pres:alice@jabber.example',
      world({ '_pres._xmpp.jabber.example': ok('present') }),
    );
    expect(!r.ok && r.error.code).toBe('xmpp-unsupported');
  });

  it.each(['xmpp:alice@jabber.example', 'im:alice@example.com', 'XMPP:bob@x.example'])(
    'says xmpp-unsupported for %s',
    async (uri) => {
      const r = await subscribeTarget(uri, world({}));
      expect(!r.ok && r.error.code).toBe('xmpp-unsupported');
    },
  );

  it.each(['tel:+12025550143', 'mailto:a@b.example', 'https://example.com', 'no-scheme'])(
    'refuses %s as not a presence URI',
    async (uri) => {
      const r = await subscribeTarget(uri, world({}));
      expect(!r.ok && r.error.code).toBe('unsupported-scheme');
    },
  );

  it('refuses a malformed pres: URI before asking DNS', async () => {
    const srv = world({});
    const r = await subscribeTarget('pres:alice', srv);
    expect(!r.ok && r.error.code).toBe('bad-pres-uri');
    expect(srv.asked).toEqual([]);
  });

  it('escapes what a SIP user part may not hold (RFC 3261 §25.1)', async () => {
    expect(await subscribeTarget('pres:a{b}|c%5E@example.com', world({}))).toEqual(
      ok({ uri: 'sip:a%7Bb%7D%7Cc%5E@example.com', via: 'pres-no-srv' }),
    );
  });

  it('passes a DNS failure on when it decides the outcome', async () => {
    const fail = err('timeout', 'no answer');
    expect(await subscribeTarget('pres:a@x.example', world({ '_pres._sip.x.example': fail }))).toEqual(fail);
    expect(await subscribeTarget('pres:a@x.example', world({ '_pres._xmpp.x.example': fail }))).toEqual(fail);
  });

  it('does not need the XMPP answer when _pres._sip exists', async () => {
    const r = await subscribeTarget(
      'pres:a@x.example',
      world({ '_pres._sip.x.example': ok('present'), '_pres._xmpp.x.example': err('timeout', 'x') }),
    );
    expect(r).toEqual(ok({ uri: 'sip:a@x.example', via: 'pres-sip-srv' }));
  });
});

describe('srvLookupOverDoh (DoH JSON answers)', () => {
  const fetchJson =
    (body: unknown): FetchLike =>
    async () =>
      new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/dns-json' } });
  const lookup = (body: unknown) =>
    srvLookupOverDoh({ dohUrl: 'https://doh.test/dns-query', method: 'json', timeoutMs: 1000, fetch: fetchJson(body) })(
      '_pres._sip.example.com',
    );
  const Question = [{ name: '_pres._sip.example.com', type: 33 }];

  it('present when SRV records with a target exist', async () => {
    expect(
      await lookup({
        Status: 0,
        Question,
        Answer: [{ name: '_pres._sip.example.com', type: 33, TTL: 60, data: '0 0 5060 sip.example.com.' }],
      }),
    ).toEqual(ok('present'));
  });

  it('absent on the "." target (RFC 2782), NODATA and NXDOMAIN', async () => {
    expect(
      await lookup({
        Status: 0,
        Question,
        Answer: [{ name: '_pres._sip.example.com', type: 33, TTL: 60, data: '0 0 0 .' }],
      }),
    ).toEqual(ok('absent'));
    expect(await lookup({ Status: 0, Question, Answer: [] })).toEqual(ok('absent'));
    expect(await lookup({ Status: 3, Question })).toEqual(ok('absent'));
  });

  it('an error on SERVFAIL', async () => {
    const r = await lookup({ Status: 2, Question });
    expect(!r.ok && r.error.code).toBe('servfail');
  });
});
