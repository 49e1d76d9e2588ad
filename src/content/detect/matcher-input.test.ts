// The matcher over the kept stretches (matcher-input.ts) finds what it finds over the whole text, except numbers
// the short-code filter drops; and no number has fewer digits than FEWEST_DIGITS in the metadata we ship.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Metadata } from 'libphonenumber-js/core';
import metadata from 'libphonenumber-js/max/metadata';
import { FEWEST_DIGITS, MAY_BE_DIGIT, matcherInput } from './matcher-input.ts';
import { findPhoneNumbersInText, type CountryCode } from './phone-lib.ts';
import { shortCodeReason } from './filters/context.ts';

/** Pieces whose neighbours change what the matcher finds: brackets, pluses, labels, extensions, short codes. */
const PIECES = [
  'Tel.',
  'tel:',
  'Hotel',
  'Fax',
  'call',
  'phone:',
  'Nr.',
  'PLZ',
  'am',
  'und',
  'the',
  'Büro',
  'café',
  'ext.',
  'x',
  '030 1234567',
  '+49 30 1234567',
  '(040) 226 32 21',
  '0171 7779399',
  '089/7654321',
  '+1 650 253 0000',
  '(650) 253-0000',
  '212-555-0143',
  '020 7946 0018',
  '01 42 68 53 00',
  '06.12.34.56.78',
  '2123',
  '12345',
  '1234',
  '10115',
  '09:30',
  '£12.99',
  '12,50 €',
  '3/10/2024',
  '12.3.2024',
  '20240315-0042',
  '1979-2011',
  'v2.3.1',
  '+',
  '(',
  ')',
  '-',
  ',',
  '.',
  '/',
  '#',
  '204',
  '  ',
  '\n',
  '٠١٢٣٤٥٦٧٨٩',
];
const SEPARATORS = [' ', ' ', ' ', '', ', ', ' - ', '\u00a0', '\n'];

const matches = (text: string, region: CountryCode) =>
  findPhoneNumbersInText(text, { defaultCountry: region }).map((m) => ({
    start: m.startsAt,
    end: m.endsAt,
    e164: m.number.number,
  }));

describe('matcherInput', () => {
  it('finds in the kept stretches what the whole text holds, minus short codes the filter drops', () => {
    const text = fc
      .array(fc.tuple(fc.constantFrom(...PIECES), fc.constantFrom(...SEPARATORS)), { maxLength: 14 })
      .map((parts) => parts.map(([p, s]) => p + s).join(''));
    fc.assert(
      fc.property(text, fc.constantFrom<CountryCode>('DE', 'GB', 'US', 'FR', 'AT'), (source, region) => {
        const input = matcherInput(source);
        const kept = matches(input.text, region).map((m) => {
          const start = input.toSource(m.start);
          return { start, end: start + m.end - m.start, e164: m.e164 };
        });
        const whole = matches(source, region);
        const key = (m: { start: number; end: number; e164: string }) => `${m.start}-${m.end}:${m.e164}`;
        expect(kept.map(key)).toEqual(whole.filter((m) => kept.some((k) => key(k) === key(m))).map(key));
        for (const m of whole.filter((w) => !kept.some((k) => key(k) === key(w))))
          expect(shortCodeReason(source, m.start, m.end), key(m)).toBeDefined();
      }),
      { numRuns: 3000 },
    );
  });
  it('keeps a short number behind a phone label or a plus sign, drops prices and times', () => {
    expect(matcherInput('Preis 12,50 € heute und Termin um 09:30 Uhr').text).toBe('');
    expect(matcherInput('Hotel Tel. 2123 heute').text).toContain('2123');
    expect(matcherInput('Notruf +290 1234 jetzt').text).toContain('+290 1234');
    expect(matcherInput('am 12.3.2024 oder 030 1234567 anrufen').text).toContain('030 1234567');
  });
  it('scans for every decimal digit: each BMP \\p{Nd} is in MAY_BE_DIGIT, astral ones start with a high surrogate', () => {
    const once = new RegExp(MAY_BE_DIGIT.source);
    for (let c = 0; c <= 0x10ffff; c++) {
      const char = String.fromCodePoint(c);
      if (/\p{Nd}/u.test(char)) expect(once.test(char), c.toString(16)).toBe(true);
    }
    // Other scripts' digits make a stretch as ASCII ones do (Arabic-Indic, Devanagari).
    for (const digits of ['٠١٢٣٤٥٦٧٨٩', '०१२३४५६७८९', '0123456789'])
      expect(matcherInput(`Büro heute ${digits} morgen`).text, digits).toBe(`heute ${digits} morgen`);
  });
  it('FEWEST_DIGITS is the shortest national number of the metadata', () => {
    const plan = new Metadata(metadata) as unknown as {
      selectNumberingPlan(c: string): void;
      numberingPlan: { possibleLengths(): number[] };
    };
    const shortest = Object.keys(metadata.countries).map((country) => {
      plan.selectNumberingPlan(country);
      return Math.min(...plan.numberingPlan.possibleLengths());
    });
    expect(Math.min(...shortest)).toBe(FEWEST_DIGITS);
  });
});
