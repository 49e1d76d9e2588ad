import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../dns/index.ts';
import { fromBase64url } from './base64url.ts';
import { buildRequest } from './request.ts';
import type { DohQuery } from './types.ts';

const q = (over: Partial<DohQuery> = {}): DohQuery => ({
  url: 'https://dns.example/dns-query',
  method: 'get',
  name: '1.2.3.4.e164.arpa',
  type: 35,
  timeoutMs: 1000,
  ...over,
});
const built = (query: DohQuery) => {
  const r = buildRequest(query);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const PRIVACY = { credentials: 'omit', cache: 'no-store', redirect: 'error', referrerPolicy: 'no-referrer' };

describe('buildRequest', () => {
  it('GET: ?dns= base64url of a padded ID-0 query, Accept dns-message, existing parameters kept', () => {
    const r = built(q({ url: 'https://dns.example/dns-query?profile=x#frag' }));
    const url = new URL(r.url);
    expect(url.searchParams.get('profile')).toBe('x');
    expect(url.hash).toBe('');
    const dns = url.searchParams.get('dns') ?? '';
    expect(dns).not.toMatch(/[=+/]/);
    const message = decodeMessage(fromBase64url(dns) ?? new Uint8Array());
    expect(message.ok && message.value.id === 0 && message.value.questions[0]?.name).toBe('1.2.3.4.e164.arpa');
    expect(fromBase64url(dns)?.length).toBe(128);
    expect(r.init).toEqual({ ...PRIVACY, method: 'GET', headers: { accept: 'application/dns-message' } });
  });

  it('POST: the query as the body with Content-Type and Accept', () => {
    const r = built(q({ method: 'post' }));
    expect(r.url).toBe('https://dns.example/dns-query');
    expect(r.init).toMatchObject({
      ...PRIVACY,
      method: 'POST',
      headers: { accept: 'application/dns-message', 'content-type': 'application/dns-message' },
    });
    expect(r.init.body?.length).toBe(128);
  });

  it('JSON: name, type mnemonic and do=1 with Accept dns-json', () => {
    const r = built(q({ method: 'json', url: 'https://dns.google/resolve?ct=application/x-javascript' }));
    const url = new URL(r.url);
    expect([
      url.searchParams.get('name'),
      url.searchParams.get('type'),
      url.searchParams.get('do'),
      url.searchParams.get('ct'),
    ]).toEqual(['1.2.3.4.e164.arpa', 'NAPTR', '1', 'application/x-javascript']);
    expect(r.init).toEqual({ ...PRIVACY, method: 'GET', headers: { accept: 'application/dns-json' } });
    expect(new URL(built(q({ method: 'json', type: 99 })).url).searchParams.get('type')).toBe('99');
  });

  it.each([
    ['not a URL', q({ url: 'dns.example' }), 'bad-url'],
    ['plain http to a remote host', q({ url: 'http://dns.example/dns-query' }), 'bad-url'],
    ['credentials in the URL', q({ url: 'https://u:p@dns.example/dns-query' }), 'bad-url'],
    ['an empty label', q({ name: 'a..b' }), 'bad-query'],
    ['a type out of range', q({ method: 'json', type: 70000 }), 'bad-query'],
  ])('rejects %s', (_label, query, code) => {
    const r = buildRequest(query);
    expect(r.ok ? 'ok' : r.error.code).toBe(code);
  });

  it('allows plain http on loopback for test servers', () => {
    expect(buildRequest(q({ url: 'http://127.0.0.1:8053/dns-query' })).ok).toBe(true);
    expect(buildRequest(q({ url: 'http://[::1]:8053/dns-query' })).ok).toBe(true);
    expect(buildRequest(q({ url: 'http://localhost/dns-query' })).ok).toBe(true);
  });
});
