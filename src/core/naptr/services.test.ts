// RFC 6116 §3.4.3 (ABNF, compound), §3.4.3.1 (P- types), §5.2 (obsolete syntax, other applications);
// RFC 5483 §6.1 (tokenise on "+"); docs/enum-test-vectors.md §3.3 M12–M18, §3.4 S3/S11/S12.
import { describe, expect, it } from 'vitest';
import { parseEnumServices } from './services.ts';

describe('parseEnumServices', () => {
  it.each([
    ['RFC 6116 §4 E2U+sip', 'E2U+sip', ['sip']],
    ['RFC 6116 §4 E2U+email:mailto', 'E2U+email:mailto', ['email:mailto']],
    ['RFC 3953 E2U+pres', 'E2U+pres', ['pres']],
    ['S11 compound, left to right (RFC 6116 §3.4.3.2)', 'E2U+voice:tel+sms:tel', ['voice:tel', 'sms:tel']],
    ['compound types', 'E2U+sip+pres', ['sip', 'pres']],
    ['M18/S12 lower-cased, whole token', 'e2u+SIPS', ['sips']],
    ['types may contain "-" (RFC 6116 §9)', 'E2U+x-foo:bar-baz', ['x-foo:bar-baz']],
    ['S3 obsolete RFC 2916 form sip+E2U (RFC 6116 §5.2)', 'sip+E2U', ['sip']],
    ['obsolete pres+E2U', 'pres+E2U', ['pres']],
    ['obsolete compound', 'sip+pres+e2u', ['sip', 'pres']],
    ['several subtypes', 'E2U+a:b:c', ['a:b:c']],
  ])('%s', (_name, field, expected) => {
    expect(parseEnumServices(field)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['empty (terminal records need services)', '', /empty/],
    ['M13 E2U_pstn:tel typo', 'E2U_pstn:tel', /not an ENUM/],
    ['M15 other DDDS application SIP+D2U', 'SIP+D2U', /not an ENUM/],
    ['M15 other DDDS application http+N2L', 'http+N2L', /not an ENUM/],
    ['M14 only private types (RFC 6116 §3.4.3.1)', 'E2U+P-foo', /private/],
    [
      'a private type among others discards the record (RFC 6116 §3.4.3.1 "MUST discard any NAPTR")',
      'E2U+P-foo+sip',
      /private/,
    ],
    ['E2U alone', 'E2U', /names no enumservice/],
    ['E2U twice', 'E2U+sip+E2U', /more than once/],
    ['E2U in the middle', 'sip+E2U+pres', /first or the last/],
    ['empty token', 'E2U++sip', /not a valid enumservice/],
    ['trailing +', 'E2U+sip+', /not a valid enumservice/],
    ['empty subtype', 'E2U+email:', /not a valid enumservice/],
    ['bad character', 'E2U+si_p', /not a valid enumservice/],
    ['type longer than 32', `E2U+${'a'.repeat(33)}`, /not a valid enumservice/],
  ])('rejects %s', (_name, field, message) => {
    const r = parseEnumServices(field);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });
});
