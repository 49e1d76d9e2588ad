// Numbers read in the region their writing shows (README "Page annotations"; the checks are those of
// libphonenumber's PhoneNumberMatcherTest STRICT_GROUPING cases, which libphonenumber-js does not run).
import { describe, expect, it } from 'vitest';
import { findNumbers, type RegionHints, type Rejection } from './find-numbers.ts';
import { regionsNamedBefore } from './named-regions.ts';
import { writtenForm } from './written-form.ts';
import { parsePhoneNumberFromString } from './phone-lib.ts';

const find = (text: string, hints: RegionHints) =>
  findNumbers(text, hints).map((d) => [text.slice(d.start, d.end), d.e164]);
const UK_PAGE = { page: 'GB', user: 'GB' };

describe('a page in en-GB with numbers of other countries', () => {
  it('reads a NANP number next to "USA" in the US, not as +44 302 391 4066', () => {
    expect(find('USA: (302)3914066', UK_PAGE)).toEqual([['(302)3914066', '+13023914066']]);
  });
  it('finds numbers next to "Canada" and "JM" as NANP numbers', () => {
    expect(find('Canada: (416)6594556', UK_PAGE)).toEqual([['(416)6594556', '+14166594556']]);
    expect(find('JM: (876)4355118', UK_PAGE)).toEqual([['(876)4355118', '+18764355118']]);
  });
  it('does not read "South Africa: 0800-006-498" as +44 800 006 498 (the UK writes 0800 006498)', () => {
    const rejected: Rejection[] = [];
    expect(findNumbers('South Africa: 0800-006-498', UK_PAGE, rejected)).toEqual([]);
    expect(rejected.map((r) => r.e164)).toEqual(['+44800006498']);
    expect(find('South Africa: 0800-006-498', { page: 'GB', user: 'US' })).toEqual([]);
  });
  it("reads a number without the UK's trunk 0 in the user's region, else leaves it unmarked", () => {
    expect(find('Call (302)3914066 today', { page: 'GB', user: 'US' })).toEqual([['(302)3914066', '+13023914066']]);
    expect(find('Call (302)3914066 today', UK_PAGE)).toEqual([]);
  });
  it('keeps UK numbers written as the UK writes them, also for a user elsewhere', () => {
    for (const user of ['GB', 'US', 'ZA']) {
      expect(find('Office: 020 7946 0018, free: 0800 006498', { page: 'GB', user })).toEqual([
        ['020 7946 0018', '+442079460018'],
        ['0800 006498', '+44800006498'],
      ]);
    }
  });
  it('keeps a mentioned country from re-reading an international number', () => {
    expect(find('USA: +44 20 7946 0018', UK_PAGE)).toEqual([['+44 20 7946 0018', '+442079460018']]);
  });
});

describe('written forms (PhoneNumberMatcher isNationalPrefixPresentIfRequired, allNumberGroupsRemainGrouped)', () => {
  const form = (text: string, region: 'GB' | 'US' | 'ZA' | 'DE') =>
    writtenForm(text, parsePhoneNumberFromString(text, { defaultCountry: region })!);
  it('tells international, fitting, prefix-less and regrouped forms apart', () => {
    expect(form('+44 20 7946 0018', 'US')).toBe('international');
    expect(form('0044 20 7946 0018', 'DE')).toBe('international');
    expect(form('020 7946 0018', 'GB')).toBe('fits');
    expect(form('02079460018', 'GB')).toBe('fits');
    expect(form('(302)3914066', 'GB')).toBe('no-trunk-prefix');
    expect(form('0800-006-498', 'GB')).toBe('regrouped');
    expect(form('0800-006-498', 'ZA')).toBe('regrouped');
    expect(form('(416)6594556', 'US')).toBe('fits');
    expect(form('416 659 4556', 'US')).toBe('fits');
    expect(form('41 665 94556', 'US')).toBe('regrouped');
  });
});

describe('regionsNamedBefore', () => {
  it('finds country names and upper-case codes right before a number, nearest first', () => {
    expect(regionsNamedBefore('South Africa: 0800', 14)).toEqual(['ZA']);
    expect(regionsNamedBefore('Our office in Canada (toll-free, USA): 416', 39)).toEqual(['US', 'CA']);
    expect(regionsNamedBefore('JM: 876', 4)).toEqual(['JM']);
    expect(regionsNamedBefore('UK: 020', 4)).toEqual(['GB']);
  });
  it('finds names of several words, and names behind brackets and dashes', () => {
    const at = (text: string, languages?: string[]) => regionsNamedBefore(text, text.length, languages);
    expect(at('Bosnia & Herzegovina: ')).toEqual(['BA']);
    expect(at('Office St. Kitts & Nevis ')).toEqual(['KN']);
    expect(at('(South Africa) ')).toEqual(['ZA']);
    expect(at('- (Canada ')).toEqual(['CA']);
    expect(at('hotline - (canada), ')).toEqual(['CA']);
    expect(at('United States, Canada ')).toEqual(['CA', 'US']);
    expect(at('Vereinigte Staaten ', ['de', 'en'])).toEqual(['US']);
    expect(at('Bosnia & Herzegovina offices ')).toEqual(['BA']);
    expect(at('Herzegovina offices ')).toEqual([]);
  });
  it('ignores words that only contain a name, lower-case codes and names before an earlier number', () => {
    expect(regionsNamedBefore('usage: 0800', 7)).toEqual([]);
    expect(regionsNamedBefore('call us at 0800', 11)).toEqual([]);
    expect(regionsNamedBefore('Canada 416 659 4556 or 0800', 23)).toEqual([]);
  });
  it("knows names in the browser's language too", () => {
    expect(regionsNamedBefore('Südafrika: 0800', 11, ['de', 'en'])).toEqual(['ZA']);
  });
});
