// The content script's settings (page-settings.ts) are a part of the one schema (settings.ts), read the same way.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PAGE_SETTINGS, PAGE_SETTINGS, PAGE_SETTINGS_SCHEMA, type PageSettings } from './page-settings.ts';
import { DEFAULT_SETTINGS, managedKeys, parseSettings, SETTINGS_SCHEMA, type Settings } from './settings.ts';

const PAGE_KEYS = Object.keys(PAGE_SETTINGS_SCHEMA) as (keyof PageSettings)[];
const pagePart = (s: Settings): PageSettings =>
  Object.fromEntries(PAGE_KEYS.map((k) => [k, s[k]])) as unknown as PageSettings;

describe('page settings', () => {
  it('are the keys the content script reads, with the very rules and defaults of the whole schema', () => {
    expect(PAGE_KEYS).toEqual(['defaultRegion', 'resolveOn', 'disabledSites', 'presence']);
    for (const key of PAGE_KEYS) {
      expect(SETTINGS_SCHEMA[key], key).toBe(PAGE_SETTINGS_SCHEMA[key]);
      expect(DEFAULT_SETTINGS[key], key).toBe(DEFAULT_PAGE_SETTINGS[key]);
    }
  });

  it.each([
    ['nothing stored', undefined, undefined],
    ['garbage', 'garbage', undefined],
    ['a bad version', { version: -1, resolveOn: 'visible' }, undefined],
    [
      'valid values',
      { version: 1, defaultRegion: 'gb', disabledSites: ['Example.COM.', 'example.com'], presence: 'sip' },
      undefined,
    ],
    [
      'invalid ones, and keys that are not page settings',
      { defaultRegion: 'GBR', resolveOn: 'always', disabledSites: [42], dohUrl: 'http://x.example/' },
      { sipServer: 'ws://sip.example/' },
    ],
    [
      'managed values winning',
      { resolveOn: 'visible' },
      { resolveOn: 'never', dohUrl: 'https://dns.google/dns-query' },
    ],
  ])('%s: the same values, page warnings and locks as the whole schema', (_, stored, managed) => {
    const whole = parseSettings(stored, managed);
    const page = PAGE_SETTINGS.parse(stored, managed);
    expect(page.settings).toEqual(pagePart(whole.settings));
    const aboutPage = (w: string) => !/ setting (dohUrl|dohMethod|suffixes|sip\w+):/.test(w);
    expect(page.warnings).toEqual(whole.warnings.filter(aboutPage));
    expect(PAGE_SETTINGS.locked(managed)).toEqual(managedKeys(managed).filter((k) => k in PAGE_SETTINGS_SCHEMA));
  });
});

describe('defaultRegion', () => {
  const region = PAGE_SETTINGS_SCHEMA.defaultRegion;
  it('accepts a region libphonenumber knows, upper-cased, or empty', () => {
    expect(region('GB')).toEqual({ ok: true, value: 'GB' });
    expect(region('gb')).toEqual({ ok: true, value: 'GB' });
    expect(region('xk')).toEqual({ ok: true, value: 'XK' });
    expect(region('')).toEqual({ ok: true, value: '' });
  });

  it.each(['UK', 'ZZ', 'XX', 'uk'])('refuses %s, which no phone number belongs to', (code) => {
    const r = region(code);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error.message).toBe(
        `${code.toUpperCase()} is not a region with phone numbers; use one such as GB (not UK), or leave empty.`,
      );
  });
});
