// README "Hostile zones": zone text in a result is escaped by the one printable rule (core/printable.ts), in the
// error message as in rejected reasons. The answer is the test world's hostile JSON DoH answer for +12025550116
// (test/world/hostile.ts jsonAnswer): NAPTR RDATA text with terminal escapes that does not parse.
import { describe, expect, it } from 'vitest';
import type { FetchLike } from '../doh/types.ts';
import { lookupE164 } from './lookup.ts';

const NAME = '6.1.1.0.5.5.5.2.0.2.1.e164.arpa.';
const HOSTILE_TEXT = '\x1b]0;PWNED-TITLE\x07\x1b[2J\x1b[HFAKE: 1 usable URI';
const recorded = JSON.stringify({
  Status: 0,
  TC: false,
  RD: true,
  RA: true,
  AD: false,
  CD: false,
  Question: [{ name: NAME, type: 35 }],
  Answer: [{ name: NAME, type: 35, TTL: 300, data: HOSTILE_TEXT }],
});

describe('lookupE164 error messages quoting zone text', () => {
  it('escapes controls as \\DDD, as in rejected reasons', async () => {
    const fetch: FetchLike = async () =>
      new Response(recorded, { status: 200, headers: { 'content-type': 'application/dns-json' } });
    const config = { dohUrl: 'https://doh.example/resolve', method: 'json' as const, timeoutMs: 1000, fetch };
    const result = await lookupE164('+12025550116', { ...config, suffixes: ['e164.arpa'], now: () => 0 });
    expect(result.status).toBe('error');
    expect(result.error?.message).toBe(
      'JSON DoH Answer[0]: RDATA text of type 35 "\\027]0;PWNED-TITLE\\007\\027[2J\\027[HFAKE: 1 usable URI": expected 6 fields, got 4',
    );
  });
});
