import { describe, expect, it } from 'vitest';
import { e164ToEnumDomain } from './domain.ts';
import { normaliseSuffix, toE164 } from './e164.ts';

describe('toE164', () => {
  it.each([
    // RFC 6116 §3.1 example AUS
    ['+44-116-496-0348', '', '+441164960348'],
    ['+44 20 7946 0148', '', '+442079460148'],
    ['+44 (0)20 7946 0148', '', '+442079460148'], // "(0)" trunk prefix written in an international number
    ['020 7946 0148', 'GB', '+442079460148'], // national form with a region
    ['020 7946 0148', 'gb', '+442079460148'],
    ['0043 1 2345678', 'DE', '+4312345678'], // international call prefix dialled from DE
    ['＋４３ １ ２３４５６７８', '', '+4312345678'], // full-width ＋ and digits
    ['+1 (202) 555-0143', '', '+12025550143'],
    ['030 1234567', 'DE', '+49301234567'],
  ])('%s (region %s) → %s', (input, region, e164) => {
    expect(toE164(input, region)).toEqual({ ok: true, value: e164 });
  });

  it.each([
    ['', '', /Enter a phone number/],
    ['abc', '', /no phone number found/],
    ['020 7946 0148', '', /needs a region/],
    ['+4412345678901234567', '', /not a phone number|E\.164|valid/],
    ['+44 20 7946', '', /not a valid number|not a phone number/],
    ['12345', 'XX1', /not a region code/],
    ['1'.repeat(80), '', /too long/],
  ])('refuses %j (region %j) with a clear message', (input, region, message) => {
    const r = toE164(input, region);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });
});

describe('toE164: a leading 00 is the international prefix (ITU-T E.164 / E.123)', () => {
  it.each([
    ['0044 20 7946 0148', '', '+442079460148'], // README "The CLI": `0044 …` without --region
    ['0043 1 2345678', '', '+4312345678'],
    ['(00) 43-1-2345678', '', '+4312345678'], // punctuation around the prefix
    ['00 44 20 7946 0148', 'GB', '+442079460148'], // GB's own IDD is 00
    ['011 44 20 7946 0148', 'US', '+442079460148'], // US's IDD (libphonenumber's reading of the region)
    ['0044 20 7946 0148', 'US', '+442079460148'], // not a US number: read as international (popup, browser region)
  ])('%s (region %j) → %s', (input, region, e164) => {
    expect(toE164(input, region)).toEqual({ ok: true, value: e164 });
  });
});

describe('toE164: unknown regions and country calling codes are named', () => {
  it.each([
    [
      '+4312345678',
      'XX',
      'bad-region',
      '"XX" is not a region code libphonenumber knows (two letters such as GB or US).',
    ],
    [
      '020 7946 0148',
      'zz',
      'bad-region',
      '"zz" is not a region code libphonenumber knows (two letters such as GB or US).',
    ],
    ['12345', 'XX1', 'bad-region', '"XX1" is not a region code libphonenumber knows (two letters such as GB or US).'],
    [
      '+999 1234567',
      '',
      'bad-number',
      '"+999 1234567" is not a phone number: +999… does not begin with a country calling code.',
    ],
    [
      '+0 1 2345678',
      '',
      'bad-number',
      '"+0 1 2345678" is not a phone number: +012… does not begin with a country calling code.',
    ],
    [
      '00999 1234567',
      '',
      'bad-number',
      '"00999 1234567" is not a phone number: +999… does not begin with a country calling code.',
    ],
    [
      '+999 1234567',
      'GB',
      'bad-number',
      '"+999 1234567" is not a phone number: +999… does not begin with a country calling code.',
    ],
  ])('refuses %j (region %j) as %s, naming what is wrong', (input, region, code, message) => {
    expect(toE164(input, region)).toMatchObject({ ok: false, error: { code, message } });
  });
});

describe('e164ToEnumDomain (RFC 6116 §3.2)', () => {
  it('reverses digits under e164.arpa', () => {
    expect(e164ToEnumDomain('+442079460148')).toBe('8.4.1.0.6.4.9.7.0.2.4.4.e164.arpa');
    expect(e164ToEnumDomain('+12025550143')).toBe('3.4.1.0.5.5.5.2.0.2.1.e164.arpa');
  });
  it('uses the given suffix', () => {
    expect(e164ToEnumDomain('+4312345678', 'e164.test')).toBe('8.7.6.5.4.3.2.1.3.4.e164.test');
  });
});

describe('normaliseSuffix', () => {
  it('lower-cases and strips the root dot', () => {
    expect(normaliseSuffix('E164.ARPA.')).toEqual({ ok: true, value: 'e164.arpa' });
  });
  it.each(['', 'a..b', '-x.arpa', 'exa mple.org', 'javascript:alert(1)'])('refuses %j', (s) => {
    expect(normaliseSuffix(s).ok).toBe(false);
  });
});
