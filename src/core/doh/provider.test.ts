// The one provider-URL rule (settings, options page, CLI).
import { describe, expect, it } from 'vitest';
import { validateDohUrl } from './provider.ts';

describe('validateDohUrl', () => {
  it.each([
    ['https://dns.example/dns-query', 'https://dns.example/dns-query'],
    ['  https://dns.example/dns-query  ', 'https://dns.example/dns-query'],
    // RFC 8484 §3 and §4.1: providers publish a URI Template (RFC 6570); its only variable is "dns".
    ['https://dns.example/dns-query{?dns}', 'https://dns.example/dns-query'],
    ['https://dns.example:8443/q{?dns}', 'https://dns.example:8443/q'],
    ['https://dns.example/dns-query?ct=1{&dns}', 'https://dns.example/dns-query?ct=1'],
  ])('%j → %j', (given, normal) => {
    expect(validateDohUrl(given)).toEqual({ ok: true, value: normal });
  });

  it.each([
    'http://dns.example/dns-query',
    'https://user:pw@dns.example/dns-query',
    'https://dns.example/dns-query#x',
    'https://dns.example/dns-query{?dns}#x',
    'https://dns.example/dns-query{?name,type}',
    'https://dns.example/{path}/dns-query',
    'https://dns.example/dns-query{?dns}{?dns}',
    '{?dns}',
    '',
  ])('refuses %j with code bad-url', (given) => {
    const r = validateDohUrl(given);
    expect(r.ok ? 'accepted' : r.error.code).toBe('bad-url');
  });
});
