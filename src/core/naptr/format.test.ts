// Presentation form, RFC 3403 §4.1 / §6 and RFC 1035 §5.1 character-string quoting.
import { describe, expect, it } from 'vitest';
import type { NaptrData } from '../dns/types.ts';
import { formatNaptr } from './format.ts';

const naptr = (over: Partial<NaptrData>): NaptrData => ({
  kind: 'NAPTR',
  order: 100,
  preference: 10,
  flags: 'u',
  services: 'E2U+sip',
  regexp: '',
  replacement: '',
  ...over,
});

describe('formatNaptr', () => {
  it('formats a terminal record with the root as replacement', () => {
    expect(formatNaptr(naptr({ regexp: '!^.*$!sip:a@b!' }))).toBe('100 10 "u" "E2U+sip" "!^.*$!sip:a@b!" .');
  });

  it('doubles backslashes as a master file does (RFC 3403 §6.1)', () => {
    expect(formatNaptr(naptr({ regexp: '!^\\+44(.*)$!sip:\\1@x!' }))).toBe(
      '100 10 "u" "E2U+sip" "!^\\\\+44(.*)$!sip:\\\\1@x!" .',
    );
  });

  it('formats a non-terminal record with a replacement name', () => {
    expect(formatNaptr(naptr({ flags: '', services: '', replacement: 'enum.example.com' }))).toBe(
      '100 10 "" "" "" enum.example.com.',
    );
  });

  it('escapes quotes and writes non-printable and non-ASCII octets as \\DDD', () => {
    expect(formatNaptr(naptr({ services: 'a"b', regexp: '!x\r\n!ö!' }))).toBe(
      '100 10 "u" "a\\"b" "!x\\013\\010!\\195\\182!" .',
    );
  });
});
