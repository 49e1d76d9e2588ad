import { describe, expect, it } from 'vitest';
import { parsePresUri } from '../presence/uri.ts';

describe('parsePresUri (RFC 3859 §3.2)', () => {
  it.each([
    ['pres:fred@example.com', 'fred', 'example.com'], // the RFC's own example
    ['PRES:alice@Example.TEST', 'alice', 'example.test'],
    ['pres:a.b+c@sub.example.org?subject=hi', 'a.b+c', 'sub.example.org'],
    ['pres:b%6Fb@example.net', 'bob', 'example.net'], // %-escapes are decoded
  ])('%s → %s at %s', (uri, user, domain) => {
    expect(parsePresUri(uri)).toEqual({ ok: true, value: { user, domain } });
  });

  it.each([
    'sip:alice@example.com',
    'pres:',
    'pres:@example.com',
    'pres:alice',
    'pres:alice@',
    'pres:alice@exa mple.com',
    'pres:a@%zz',
    'pres:bob%40home@example.net',
  ])('refuses %j', (uri) => {
    const r = parsePresUri(uri);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('bad-pres-uri');
  });
});
