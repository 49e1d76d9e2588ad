import { describe, expect, it } from 'vitest';
import { originsOnly, resultForPage } from './page-safe.ts';
import type { LookupResult } from '../core/enum/types.ts';

describe('originsOnly', () => {
  it("keeps only a DoH URL's origin (its path and query may hold a per-user token)", () => {
    expect(
      originsOnly('no answer from https://127.0.0.1:18443/hang/dns-query?profile=SECRETtoken42 within 5000 ms'),
    ).toBe('no answer from https://127.0.0.1:18443 within 5000 ms');
    expect(originsOnly('request to https://dns.example/abc123/dns-query failed: Failed to fetch')).toBe(
      'request to https://dns.example failed: Failed to fetch',
    );
  });
  it('leaves text without URLs alone', () => {
    expect(originsOnly('The resolver answered SERVFAIL (rcode 2) for 8.7.6.e164.arpa.')).toBe(
      'The resolver answered SERVFAIL (rcode 2) for 8.7.6.e164.arpa.',
    );
  });
});

describe('resultForPage', () => {
  const base: LookupResult = {
    e164: '+4312345678',
    domain: '8.7.6.5.4.3.2.1.3.4.e164.arpa',
    status: 'error',
    dnssec: false,
    uris: [],
    pres: [],
    rejected: [],
    ttl: 0,
    fetchedAt: 0,
  };
  it('reduces the error message and nothing else', () => {
    const r = resultForPage({
      ...base,
      error: { code: 'timeout', message: 'no answer from https://dns.example/SECRET/dns-query within 5000 ms' },
    });
    expect(r).toEqual({
      ...base,
      error: { code: 'timeout', message: 'no answer from https://dns.example within 5000 ms' },
    });
    expect(resultForPage({ ...base, status: 'not-found' })).toEqual({ ...base, status: 'not-found' });
  });
});
